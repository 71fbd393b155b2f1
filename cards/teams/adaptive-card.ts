// The Adaptive Card 1.5 shapes the renderers emit, written out here because cards/ imports no platform
// package (biome.json, noRestrictedImports). Only the elements mailops uses; the adapter hands these to the
// Agents SDK as attachment content unchanged. Teams renders cards up to 1.5
// (learn.microsoft.com/microsoftteams/platform/task-modules-and-cards/cards/cards-reference), and
// test/support/adaptive-card-checks.ts holds every rendered card to the official 1.5 schema.
// Reference: https://adaptivecards.io/explorer/

export type Spacing = 'none' | 'small' | 'default' | 'medium' | 'large' | 'extraLarge' | 'padding';

interface ElementBase {
  id?: string;
  spacing?: Spacing;
  separator?: boolean;
  isVisible?: boolean;
}

export interface TextBlock extends ElementBase {
  type: 'TextBlock';
  text: string;
  wrap?: boolean;
  size?: 'small' | 'default' | 'medium' | 'large' | 'extraLarge';
  weight?: 'lighter' | 'default' | 'bolder';
  color?: 'default' | 'dark' | 'light' | 'accent' | 'good' | 'warning' | 'attention';
  isSubtle?: boolean;
  /** 'heading' is announced as a heading by screen readers (AC 1.5). */
  style?: 'default' | 'heading';
}

export interface Fact {
  title: string;
  value: string;
}
export interface FactSet extends ElementBase {
  type: 'FactSet';
  facts: Fact[];
}

export interface Container extends ElementBase {
  type: 'Container';
  items: CardElement[];
  style?: 'default' | 'emphasis';
}

export interface ActionSet extends ElementBase {
  type: 'ActionSet';
  actions: CardAction[];
}

interface InputBase extends ElementBase {
  /** The key the input's value is submitted under. */
  id: string;
  label: string;
  isRequired?: boolean;
  /** Shown by the client when its own check (isRequired) fails. */
  errorMessage?: string;
}
export interface TextInput extends InputBase {
  type: 'Input.Text';
  value?: string;
  placeholder?: string;
  isMultiline?: boolean;
  maxLength?: number;
  style?: 'text' | 'tel' | 'url' | 'email';
}
export interface Choice {
  title: string;
  value: string;
}
export interface ChoiceSetInput extends InputBase {
  type: 'Input.ChoiceSet';
  choices: Choice[];
  value?: string;
  placeholder?: string;
  /** 'filtered' is the type-ahead list (AC 1.5, Teams "static typeahead search"). */
  style?: 'compact' | 'expanded' | 'filtered';
}
export interface DateInput extends InputBase {
  type: 'Input.Date';
  /** YYYY-MM-DD. */
  value?: string;
}
export interface TimeInput extends InputBase {
  type: 'Input.Time';
  /** HH:MM. */
  value?: string;
}
export type CardInput = TextInput | ChoiceSetInput | DateInput | TimeInput;

export type CardElement = TextBlock | FactSet | Container | ActionSet | CardInput;

/** Universal Actions (AC 1.4+): Teams sends an `adaptiveCard/action` invoke with `verb` and `data`. */
export interface ExecuteAction {
  type: 'Action.Execute';
  verb: string;
  title?: string;
  data?: Record<string, unknown>;
  style?: 'default' | 'positive' | 'destructive';
  /** 'none': the client sends no inputs and checks none (a Cancel must work on a half-filled form). */
  associatedInputs?: 'auto' | 'none';
}
export interface ToggleVisibilityAction {
  type: 'Action.ToggleVisibility';
  title: string;
  targetElements: string[];
}
export type CardAction = ExecuteAction | ToggleVisibilityAction;

export interface Refresh {
  action: ExecuteAction;
  /** Teams runs the refresh automatically only for these users (user-specific views). */
  userIds?: string[];
}

export interface AdaptiveCard {
  type: 'AdaptiveCard';
  version: '1.5';
  $schema: typeof SCHEMA_URL;
  fallbackText?: string;
  refresh?: Refresh;
  body: CardElement[];
  actions?: CardAction[];
}

const SCHEMA_URL = 'http://adaptivecards.io/schemas/adaptive-card.json';

/** The envelope every mailops card shares. */
export function adaptiveCard(
  body: CardElement[],
  extra: Partial<Pick<AdaptiveCard, 'actions' | 'refresh' | 'fallbackText'>> = {},
): AdaptiveCard {
  const { actions, refresh, fallbackText } = extra;
  return {
    type: 'AdaptiveCard',
    version: '1.5',
    $schema: SCHEMA_URL,
    ...(fallbackText === undefined ? {} : { fallbackText }),
    ...(refresh === undefined ? {} : { refresh }),
    body,
    ...(actions === undefined ? {} : { actions }),
  };
}

/** A wrapped TextBlock: Teams clips unwrapped text at one line, which hides most of what mailops says. */
export function textBlock(text: string, extra: Partial<Omit<TextBlock, 'type' | 'text'>> = {}): TextBlock {
  return { type: 'TextBlock', text, wrap: true, ...extra };
}
