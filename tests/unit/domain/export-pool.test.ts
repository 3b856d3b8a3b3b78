import { exportPool, pooledName, POOLED_WORKGROUP } from '../../../src/domain/export-pool';

const counts = (entries: Record<string, number>) => new Map(Object.entries(entries));

describe('which respondents an export of answers may show under their own workgroup', () => {
  it('shows every workgroup of k or more by name, and pools nobody', () => {
    const pool = exportPool(counts({ MBU: 5, Community: 9, Maternity: 12 }), 5);
    expect([...pool.pooled]).toEqual([]);
    expect(pool).toMatchObject({ leftOut: false, pooledRespondents: 0, leftOutRespondents: 0 });
  });

  it('pools two small groups that reach k together, as "Other groups"', () => {
    const pool = exportPool(counts({ Commissioners: 2, 'Lived experience': 3, MBU: 10, Community: 11 }), 5);
    expect([...pool.pooled].sort()).toEqual(['Commissioners', 'Lived experience']);
    expect(pool).toMatchObject({ leftOut: false, pooledRespondents: 5, leftOutRespondents: 0 });
  });

  it('pools the smallest other group with a lone small group, as the published counts hide it too', () => {
    // One hidden count could be worked out from the total: the figures hide the smallest other
    // count too, and the export keeps the same two groups together.
    const pool = exportPool(counts({ Commissioners: 2, MBU: 10, Community: 7 }), 5);
    expect([...pool.pooled].sort()).toEqual(['Commissioners', 'Community']);
    expect(pool).toMatchObject({ leftOut: false, pooledRespondents: 9 });
  });

  it('leaves out a pool that still has fewer than k respondents, and says how many', () => {
    const pool = exportPool(counts({ Commissioners: 1, 'Lived experience': 2, MBU: 10, Community: 11 }), 5);
    expect([...pool.pooled].sort()).toEqual(['Commissioners', 'Lived experience']);
    expect(pool).toMatchObject({ leftOut: true, pooledRespondents: 0, leftOutRespondents: 3 });
  });

  it("never pools a group with nobody in it, and follows the pulse's own k", () => {
    const pool = exportPool(counts({ Empty: 0, A: 3, B: 3, C: 3 }), 3);
    expect([...pool.pooled]).toEqual([]);
    expect(exportPool(counts({ Empty: 0, A: 3, B: 3, C: 3 }), 4).pooled.size).toBe(3);
  });
});

describe('the pooled group\'s name', () => {
  it('is "Other groups" unless a shown workgroup has that name', () => {
    expect(pooledName(['MBU', 'Community'])).toBe(POOLED_WORKGROUP);
    expect(pooledName(['MBU', 'other groups'])).toBe('Other groups (2)');
  });
});
