// Button emphasis, as Slack's primary/danger (cards/slack/render-card.ts): the step forward is positive, the
// refusal destructive (adaptivecards.io/explorer/Action.Execute, `style`). Keyed by action or form kind.

const STYLE: Readonly<Record<string, 'positive' | 'destructive'>> = {
  endorse: 'positive',
  approve: 'positive',
  confirm_resolved: 'positive',
  decline_endorsement: 'destructive',
  reject: 'destructive',
};

export function actionStyle(name: string): { style?: 'positive' | 'destructive' } {
  return Object.hasOwn(STYLE, name) ? { style: STYLE[name]! } : {};
}
