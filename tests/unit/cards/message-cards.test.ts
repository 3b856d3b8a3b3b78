import { AppError, ValidationError } from '../../../src/domain/errors';
import {
  alreadyAnsweredCard,
  errorCard,
  errorCardFor,
  pulseClosedCard,
  savedForLaterCard,
  thankYouCard,
} from '../../../src/cards/message-cards';
import { checked, executeActions } from '../../support/adaptive-card-validator';
import { COLLABORATIVE_ID, PULSE_ID } from './card-fixtures';

const json = (card: unknown) => JSON.stringify(card);

describe('the short message cards', () => {
  it('thank you: says what happens next, names k, and that there is nothing more to answer', () => {
    const card = json(checked(thankYouCard({ k: 5 })));
    expect(card).toContain('Results are shared with the collaborative once enough people have answered');
    expect(card).toContain('at least 5 people');
    expect(card).toContain('There is nothing more for you to answer');
  });

  it("pulse closed: says kindly that the answers can't be added, and when it closed", () => {
    const card = json(checked(pulseClosedCard({ focalProcess: 'discharge planning', closedAt: '2026-03-20T17:00:00Z' })));
    expect(card).toContain("This pulse has closed, so your answers can't be added. Thank you for your time.");
    expect(card).toContain('It closed on Friday 20 March 2026.');
    expect(card).toContain('discharge planning');
    expect(json(checked(pulseClosedCard()))).toContain("This pulse has closed, so your answers can't be added.");
  });

  it('saved for later: says what is kept and until when, with a button to carry on', () => {
    const card = checked(savedForLaterCard({ collaborativeId: COLLABORATIVE_ID, pulseId: PULSE_ID, groupsDone: 3, total: 8, closesAt: '2026-03-20T17:00:00Z' }));
    expect(json(card)).toContain('You have finished 3 of 8 groups.');
    expect(json(card)).toContain('before Friday 20 March');
    expect(executeActions(card)).toEqual([{ verb: 'survey.resume', title: 'Carry on now', data: { collaborativeId: COLLABORATIVE_ID, pulseId: PULSE_ID } }]);
  });

  it('already answered: kind, and clear there is nothing to do', () => {
    expect(json(checked(alreadyAnsweredCard()))).toContain('each person answers once');
  });
});

describe('the error card', () => {
  it('shows a friendly message and the reference code to quote', () => {
    const card = json(checked(errorCard({ referenceCode: 'RCP-7F3A2' })));
    expect(card).toContain('Something went wrong on our side');
    expect(card).toContain('RCP-7F3A2');
  });

  it('never shows the raw text of an unexpected error', () => {
    const raw = new Error('TableServiceError: ECONNREFUSED 127.0.0.1:10002 PartitionKey=yh RowKey=abc');
    const card = json(checked(errorCardFor(raw, 'RCP-1')));
    expect(card).not.toMatch(/ECONNREFUSED|PartitionKey|TableServiceError/);
    expect(card).toContain('Something went wrong on our side');
  });

  it("shows an operational AppError's user message but not its detail", () => {
    const error = new ValidationError('The focal process is too long.', [], 'row yh/abc failed validation');
    const card = json(checked(errorCardFor(error, 'RCP-2')));
    expect(card).toContain('The focal process is too long.');
    expect(card).not.toContain('row yh/abc');
  });

  it('treats a non-operational AppError (a bug) like any unexpected error', () => {
    const bug = new AppError({ code: 'broken', status: 500, userMessage: 'Internal detail', operational: false });
    expect(json(checked(errorCardFor(bug, 'RCP-3')))).not.toContain('Internal detail');
  });

  it('keeps only the characters of a reference code, so nothing else can ride along', () => {
    const card = json(checked(errorCard({ referenceCode: 'RCP-9 [link](https://evil.example)' })));
    expect(card).toContain('RCP-9linkhttpsevilexample');
    expect(card).not.toContain('https://evil');
  });
});
