import type { FamilyWording } from './schema';

const often = ['Never', 'Rarely', 'Sometimes', 'Often', 'Always'];
const howMuch = ['Not at all', 'A little', 'Some', 'A lot', 'Completely'];
/** Options scored 1 to 5 in the order shown. */
const scored = (labels: string[]) => labels.map((label, i) => ({ label, score: i + 1 }));

/**
 * The family's version in UK English, in plain words (a reading age of about 11), about
 * "the people caring for you and your baby" and how they work with each other.
 */
export const EN_GB: FamilyWording = {
  language: 'en-GB',
  title: 'How well do the people caring for you work together?',
  intro: [
    'We would like to know how well the people caring for you and your baby work together. Your answers help them get better at it.',
    'Your answers are anonymous. We do not ask for your name, and we never keep anything that says who you are.',
    "If you are not sure about a question, choose 'I'm not sure'.",
    'It is up to you if you answer. It will not change your care in any way.',
  ],
  length: {
    one: 'There are seven short questions. It takes about two minutes.',
    groups: 'There are seven short questions about each of {count} teams. Each team takes about two minutes.',
  },
  items: {
    frequent: {
      question: 'Do the people caring for you and your baby talk to each other often enough about your care?',
      // Scored for adequacy, like the staff item: "about right" scores highest.
      options: [
        { label: 'Not nearly enough', score: 1 },
        { label: 'Not enough', score: 3 },
        { label: 'About right', score: 5 },
        { label: 'Too often', score: 4 },
        { label: 'Much too often', score: 2 },
      ],
    },
    timely: { question: 'Do they share news about your care with each other in good time?', options: scored(often) },
    accurate: { question: 'Do they give each other the right facts about your care?', options: scored(often) },
    problem_solving: {
      question: 'When something goes wrong, do they work together to sort it out, or blame each other?',
      options: scored([
        'They always blame each other',
        'They mostly blame each other',
        'Neither',
        'They mostly work together',
        'They always work together',
      ]),
    },
    shared_goals: { question: 'How much do they want the same things for you and your baby?', options: scored(howMuch) },
    shared_knowledge: {
      question: "How much do they know about each other's part in your care?",
      options: scored(['Nothing', 'A little', 'Some', 'A lot', 'Everything']),
    },
    mutual_respect: { question: "How much do they respect each other's work?", options: scored(howMuch) },
  },
  notSure: "I'm not sure",
  sharing: {
    question: 'How may we use your answers?',
    hint: 'Either way, your name is never shown.',
    options: {
      shared_with_team: 'My answers may be shown to the care team as ours',
      overall_only: 'Only count my answers inside the overall figure',
    },
  },
  groups: {
    heading: 'Thinking about the {group}',
    hint: 'These questions are about this team and how they work with the others caring for you and your baby.',
    questions: {
      frequent: 'Do they talk to the others caring for you and your baby often enough about your care?',
      timely: 'Do they share news about your care with the others in good time?',
      accurate: 'Do they give the others the right facts about your care?',
      problem_solving: 'When something goes wrong, do they work with the others to sort it out, or blame them?',
      shared_goals: 'How much do they want the same things for you and your baby as the others do?',
      shared_knowledge: "How much do they know about the others' part in your care?",
      mutual_respect: "How much do they respect the others' work?",
    },
  },
  submit: 'Send my answers',
  chooseSharing: 'Please choose how we may use your answers.',
  problemTitle: 'There is a problem',
  errorPrefix: 'Error:',
  pages: {
    thanks: {
      title: 'Thank you',
      body: ['Your answers have been sent.', 'Thank you for helping the people who care for you and your baby work well together. You can close this page now.'],
    },
    closed: {
      title: 'This has now closed',
      body: ['Thank you for wanting to help. We are not taking any more answers, so there is nothing more to do.'],
    },
    expired: {
      title: 'This link is too old',
      body: ['This link has run out. If you would still like to answer, please ask the person who gave it to you.'],
    },
    used: {
      title: 'These answers were sent',
      body: ['Someone has already used this link to send answers. Each link can only be used once.'],
    },
    busy: {
      title: 'Please wait a few minutes',
      body: ['We have had a lot of requests from your internet connection in a short time. Please wait a few minutes, then open your link again.'],
    },
    unreadable: {
      title: 'Your answers could not be read',
      body: ['Something went wrong with the form, so nothing was sent. Please open your link again and send your answers from there.'],
    },
    unavailable: {
      title: 'Sorry, something went wrong',
      body: ['This is a problem on our side. If you were sending answers, they may not have been sent. Please try again in a few minutes with the same link.'],
    },
    tampered: {
      title: 'This link does not work',
      body: ['Part of this link is missing or has been changed. Please use the link just as you got it, or ask for a new one.'],
    },
  },
};
