/**
 * The words of the privacy notice and the terms of use that the app serves at /privacy and
 * /terms (the Teams app manifest links to both). Plain English, written for a member of staff
 * or a family reading on a phone. What they say about storage is what the code does: keep
 * them in step with docs/storage.md and docs/scoring-and-anonymity.md.
 */

/** One page: its title and its body as HTML (fixed text only: nothing here comes from a request). */
export interface LegalPage {
  title: string;
  bodyHtml: string;
}

/** The retention periods RC Pulse is configured with by default (a Trust may set others). */
export const DEFAULT_RETENTION = {
  responses: '5 years after the pulse closes',
  ledgerAndDelivery: '90 days after the pulse closes',
  familyAnswers: '12 months after the transition check closes',
} as const;

export const PRIVACY_PAGE: LegalPage = {
  title: 'Privacy notice',
  bodyHtml: `
<p>RC Pulse helps the NHS Trusts in a perinatal mental health provider collaborative see how well
the groups that share a care pathway work together. This notice says what it keeps, where, for
how long, and who can see it.</p>

<h2>Who looks after your information</h2>
<p>RC Pulse is run by the NHS Trust that hosts it for your provider collaborative. That Trust
decides how your information is used and is responsible for it. Its name is shown as the
publisher in the app's details in Microsoft Teams.</p>

<h2>What RC Pulse keeps</h2>
<ul>
<li><strong>About people on the collaborative's list:</strong> your name, work e-mail address,
organisation and workgroup, your Microsoft Teams id, and whether you are a facilitator.</li>
<li><strong>A link to your chat with RC Pulse</strong> (a conversation reference), so it can send
you survey cards and reminders in Teams.</li>
<li><strong>Your answers, anonymously.</strong> A stored answer holds your workgroup, your ratings
and the day it was counted. It never holds your name, e-mail address, Teams id or the time you
answered.</li>
<li><strong>Who has answered</strong>, kept apart from the answers in a separate list. Each entry
is keyed by a code made from your Teams id with a secret key (a keyed hash). Only the holder of
that key can work out anyone's code, and the code cannot be turned back into you. The list
holds whether you have started or finished, never what you answered. It lets RC Pulse remind
people who have not answered and accept one set of answers each.</li>
<li><strong>Unfinished answers</strong>, under the same code, while you are still answering.
They are deleted when you submit or when the pulse closes.</li>
<li><strong>Delivery records:</strong> for each card RC Pulse sends, whether it arrived.</li>
<li><strong>Family links.</strong> A family may be given a one-time link to share their view of
their care. RC Pulse keeps which survey each link belongs to and when it expires. It does not
keep the family's name, phone number or e-mail address, and a family's answers are stored
without anything that identifies them.</li>
<li><strong>What the collaborative agreed to try</strong> (interventions), their owners and
their updates, and a log of what facilitators changed and exported.</li>
</ul>

<h2>Where it is kept</h2>
<p>Everything is kept in the Trust's own Microsoft Azure tenant: in Azure Table Storage, with
messages waiting to be sent in Azure Storage Queues. The secret keys are kept in Azure Key
Vault. The server's logs and its monitoring (in Azure Application Insights) never hold anyone's
answers or codes. RC Pulse has no advertising and uses no services outside Microsoft's cloud.</p>

<h2>How long it is kept</h2>
<ul>
<li>Unfinished answers: until you submit, or the pulse closes.</li>
<li>Submitted answers first wait, without your identity, until at least a few others have
answered; they are then counted all together and the waiting copy is deleted.</li>
<li>Anonymous answers: ${DEFAULT_RETENTION.responses}.</li>
<li>The list of who has answered, and delivery records: ${DEFAULT_RETENTION.ledgerAndDelivery}.</li>
<li>Families' answers to transition checks: ${DEFAULT_RETENTION.familyAnswers}.</li>
<li>Family links stop working once used, and when they expire (7 days after they are made,
unless the person making them chose another date).</li>
<li>Your details on the collaborative's list, and the link to your chat: while you are on the
list. When RC Pulse is removed from a team or a chat, it stops sending you anything.</li>
</ul>
<p>These are the periods RC Pulse is set up with. Your Trust may choose others; its data
protection officer can tell you which apply.</p>

<h2>Who can see it</h2>
<ul>
<li><strong>Members of the collaborative</strong> see results about groups, never about a person.
Any figure based on fewer than five people (or the minimum the collaborative chose) is not shown
to anyone, and neither is any figure from which it could be worked out.</li>
<li><strong>Facilitators</strong> can download the anonymous answers. Groups too small to stay
anonymous are merged with others or left out.</li>
<li><strong>A family's answers</strong> are shown to the people caring for them only if the
family chose that. Otherwise they only count towards overall figures.</li>
<li><strong>The Trust's technical staff</strong> who run the service can reach the stored
information to keep it working. Microsoft stores it for the Trust as its cloud provider.</li>
</ul>

<h2>Your choices and rights</h2>
<p>Answering is voluntary. In Teams, send <strong>my data</strong> to RC Pulse to see what it
keeps about you. For anything else, including a copy of your information or a correction, please
ask your facilitator or your Trust's data protection officer.</p>
`,
};

export const TERMS_PAGE: LegalPage = {
  title: 'Terms of use',
  bodyHtml: `
<p>RC Pulse is provided by the NHS Trust that hosts it for your provider collaborative. By using
it you agree to these terms.</p>

<h2>What it is for</h2>
<p>RC Pulse measures how well groups work together along a care pathway (relational
coordination), so that the collaborative can agree what to change and measure again. It is for
improving how groups work together. It must not be used to judge or manage any one person.</p>

<h2>Please</h2>
<ul>
<li>Answer honestly, about groups and about the work.</li>
<li>Do not try to find out who gave an answer, or to work out a figure that RC Pulse does not
show.</li>
<li>Do not type anything about a patient, a family or a member of staff into notes and updates:
write about the work, not about people.</li>
<li>Keep family links safe: each one is for one family, and works once.</li>
</ul>

<h2>The survey questions</h2>
<p>The Relational Coordination Survey is licensed by Brandeis University and RC Analytics. Its
questions may be used only within RC Pulse, under the collaborative's licence.</p>

<h2>The service</h2>
<p>The Trust runs RC Pulse with care but cannot promise it will always be available or free of
faults. Results are a guide for discussion, not a clinical or employment decision.</p>

<h2>Your information</h2>
<p>How RC Pulse uses your information is set out in the <a href="/privacy">privacy notice</a>.</p>

<h2>Questions</h2>
<p>Please ask your facilitator, or your Trust's data protection officer.</p>
`,
};
