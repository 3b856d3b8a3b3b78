import { TeamsLimits } from '../../support/teams-limits';

describe('the fake connector’s Teams limits (the test tool itself)', () => {
  it('lets 50 requests a tenant through in any one second and answers the 51st with Retry-After', () => {
    const limits = new TeamsLimits();
    for (let i = 0; i < 50; i++) expect(limits.admit('t1', `c${i}`, 1000 + i * 10)).toBeUndefined();
    expect(limits.admit('t1', 'c50', 1600)).toBe(1);
    expect(limits.admit('t2', 'c51', 1600)).toBeUndefined(); // another tenant has its own 50
    expect(limits.admit('t1', 'c52', 2001)).toBeUndefined(); // the first has left the window
    expect(limits.throttled.get('t1')).toBe(1);
  });

  it('holds each conversation to 7 in 1 s, 8 in 2 s and 60 in 30 s', () => {
    const limits = new TeamsLimits();
    for (let i = 0; i < 7; i++) expect(limits.admit('t1', 'chat', i)).toBeUndefined();
    expect(limits.admit('t1', 'chat', 500)).toBe(1);
    expect(limits.admit('t1', 'chat', 1001)).toBeUndefined();
    expect(limits.admit('t1', 'chat', 1500)).toBe(1); // 8 in the last 2 s
    let t = 2100;
    let admitted = 8;
    while (admitted < 60) {
      if (limits.admit('t1', 'chat', t) === undefined) admitted++;
      t += 300;
    }
    expect(limits.admit('t1', 'chat', t)).toBeGreaterThanOrEqual(1);
  });
});
