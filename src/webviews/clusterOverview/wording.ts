/** Wording of the overview's cards (no DOM: unit-tested). */

/** Says what the Topics count is: "not counting 1 internal topic (19 in all)", never a bare "1 internal". */
export function topicsDetail(total: number, internal: number): string {
  if (!internal) return 'no internal topics';
  return `not counting ${internal} internal topic${internal === 1 ? '' : 's'} (${total} in all)`;
}
