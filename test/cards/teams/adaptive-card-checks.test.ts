import { describe, expect, it } from 'vitest';
import { adaptiveCardProblems } from '../../support/adaptive-card-checks.ts';

// The checker itself: each kind of mistake it claims to catch is reported when made, so an empty result
// from the renderer tests means something.

const card = (over: Record<string, unknown> = {}) => ({
  type: 'AdaptiveCard',
  version: '1.5',
  $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
  body: [{ type: 'TextBlock', text: 'CR-2025-000042', wrap: true }],
  ...over,
});
const input = (over: Record<string, unknown> = {}) => ({
  type: 'Input.Text',
  id: 'comments',
  label: 'Ulasan pelulus',
  ...over,
});

describe('adaptiveCardProblems', () => {
  it('accepts a small valid card with an input, a typeahead choice set and an Action.Execute', () => {
    const valid = card({
      body: [
        input({ isRequired: true, errorMessage: 'Medan ini wajib diisi.' }),
        {
          type: 'Input.ChoiceSet',
          id: 'manager.id',
          label: 'Pengurus',
          style: 'filtered',
          choices: [{ title: 'Rahman bin Yusof', value: 'u-rahman' }],
        },
      ],
      actions: [{ type: 'Action.Execute', verb: 'form:reject', title: 'Tolak', data: { type: 'anything' } }],
    });
    expect(adaptiveCardProblems(valid)).toEqual([]);
  });

  it('reports an Input.Text without an id, from the schema and from the SDK', () => {
    const { id: _id, ...withoutId } = input();
    const problems = adaptiveCardProblems(card({ body: [withoutId] }));
    expect(problems).toContain("schema: /body/0 must have required property 'id'");
    expect(problems.some((p) => p.startsWith('adaptivecards: PropertyCantBeNull'))).toBe(true);
  });

  it('reports a version Teams cannot render', () => {
    const problems = adaptiveCardProblems(card({ version: '9' }));
    expect(problems).toContain('adaptivecards parse: InvalidPropertyValue: Invalid version string "9".');
    expect(problems).toContain('teams: version "9"; Teams renders up to 1.5');
    expect(adaptiveCardProblems(card({ version: '1.6' }))).toEqual([
      'teams: version "1.6"; Teams renders up to 1.5',
    ]);
  });

  it('reports an unknown element and a property the schema does not have, naming where they are', () => {
    const problems = adaptiveCardProblems(
      card({
        body: [
          { type: 'TextBlock', text: 'x', colour: 'attention' },
          { type: 'Input.Person', id: 'p' },
        ],
      }),
    );
    expect(problems).toContain('schema: /body/0 must NOT have additional properties (colour)');
    expect(problems).toContain('schema: /body/1 unknown type "Input.Person"');
  });

  it('reports a choice set style 1.5 does not have, and an empty choice set', () => {
    const choiceSet = {
      type: 'Input.ChoiceSet',
      id: 'risk',
      label: 'Risiko',
      style: 'dropdown',
      choices: [],
    };
    const problems = adaptiveCardProblems(card({ body: [choiceSet] }));
    expect(problems.some((p) => p.startsWith('schema: /body/0/style'))).toBe(true);
    expect(problems.some((p) => p.startsWith('adaptivecards: CollectionCantBeEmpty'))).toBe(true);
  });

  it('reports a required input without a label or an error message, and duplicate ids', () => {
    const problems = adaptiveCardProblems(
      card({ body: [{ type: 'Input.Text', id: 'notes', isRequired: true }, input({ id: 'notes' })] }),
    );
    expect(problems).toEqual(
      expect.arrayContaining([
        'adaptivecards: RequiredInputsShouldHaveLabel: Required inputs should have a label',
        'adaptivecards: RequiredInputsShouldHaveErrorMessage: Required inputs should have an error message',
        'adaptivecards: DuplicateId: Duplicate Id "notes".',
      ]),
    );
  });

  it("reports a card over Teams' 28 KB, more than 60 refresh users and a history button with nothing to show", () => {
    const big = card({ body: [{ type: 'TextBlock', text: 'x'.repeat(28_000) }] });
    expect(adaptiveCardProblems(big)).toEqual([
      expect.stringMatching(/^teams: card is 28\d{3} bytes, over 28000$/),
    ]);
    const refresh = {
      action: { type: 'Action.Execute', verb: 'refresh' },
      userIds: Array.from({ length: 61 }, (_, i) => `29:user-${i}`),
    };
    expect(adaptiveCardProblems(card({ refresh }))).toEqual(['teams: refresh.userIds has 61 users, over 60']);
    const toggle = { type: 'Action.ToggleVisibility', title: 'Sejarah tiket', targetElements: ['history'] };
    expect(adaptiveCardProblems(card({ actions: [toggle] }))).toEqual([
      'teams: /actions/0 toggles "history", which is not in the card',
    ]);
  });
});
