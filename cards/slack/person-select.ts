import type { Fitter } from '../fit-text.ts';
import type { PersonChoice } from '../forms/types.ts';
import type { OptionGroup, SelectOption, StaticSelect } from './block-kit.ts';
import { SLACK_LIMITS as L } from './limits.ts';

// A person field (Section A's endorsing manager) as the choices of a static_select: only the people the
// adapter offers (src/platform/endorsing-managers.ts). Slack's users_select would offer every member of the
// workspace and cannot be narrowed down, while nobody else can endorse (flows/roles.ts).
//
// One static_select takes 100 options. Past that, the people are split, in the order given, into option
// groups of 100 labelled by their first and last names: one menu, with Slack's type-to-filter across all of
// them, for up to 100 × 100 people. An external_select would scale further, but needs an options endpoint
// and an app-level setting for a list the configuration file already holds, and no agency has thousands
// of managers. A person id longer than an option value may be cannot be offered and is left out.

export type PersonOptions = Pick<StaticSelect, 'options' | 'option_groups' | 'initial_option'>;

/** Each of the two names in a group's label, so both show within its 75 characters. */
const HALF_LABEL = Math.floor((L.optionGroupLabel - ' – '.length) / 2);

function groupsOf(options: SelectOption[], fit: Fitter): OptionGroup[] {
  const groups: OptionGroup[] = [];
  for (let i = 0; i < options.length && groups.length < L.optionGroups; i += L.options) {
    const chunk = options.slice(i, i + L.options);
    const [first, last] = [chunk[0]?.text.text ?? '', chunk.at(-1)?.text.text ?? ''];
    const label = `${fit.plain(first, HALF_LABEL)} – ${fit.plain(last, HALF_LABEL)}`;
    groups.push({ label: { type: 'plain_text', text: label }, options: chunk });
  }
  return groups;
}

/** Nothing when there is nobody to offer: Block Kit has no empty select. `value` is a person id. */
export function personOptions(
  people: readonly PersonChoice[],
  value: string | undefined,
  fit: Fitter,
): PersonOptions | undefined {
  const options = people
    .filter((p) => p.id.length <= L.optionValue)
    .map((p) => ({
      text: { type: 'plain_text' as const, text: fit.plain(p.name, L.optionText) },
      value: p.id,
    }));
  if (options.length === 0) return undefined;
  if (options.length <= L.options) {
    const initial = options.find((o) => o.value === value);
    return { options, ...(initial ? { initial_option: initial } : {}) };
  }
  const groups = groupsOf(options, fit);
  const initial = groups.flatMap((g) => g.options).find((o) => o.value === value);
  return { option_groups: groups, ...(initial ? { initial_option: initial } : {}) };
}
