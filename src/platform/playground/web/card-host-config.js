// How the page's Adaptive Cards look: the renderer's HostConfig, in the page's own fonts and colours
// (base.css), built for the first card.

const FONT_STACK =
  'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, "Noto Sans", "Liberation Sans", sans-serif';

let hostConfig = null;

export function cardHostConfig() {
  if (hostConfig) return hostConfig;
  const colours = () => ({
    default: { default: '#1f2328', subtle: '#59616b' },
    dark: { default: '#1f2328', subtle: '#454c55' },
    light: { default: '#ffffff', subtle: '#eef0f3' },
    accent: { default: '#3346b0', subtle: '#4a5bc0' },
    good: { default: '#1a6b32', subtle: '#2d7d45' },
    warning: { default: '#8a5300', subtle: '#96600f' },
    attention: { default: '#b42318', subtle: '#c4372c' },
  });
  hostConfig = new AdaptiveCards.HostConfig({
    supportsInteractivity: true,
    fontFamily: FONT_STACK,
    fontSizes: { small: 12, default: 14, medium: 16, large: 18, extraLarge: 22 },
    fontWeights: { lighter: 300, default: 400, bolder: 600 },
    lineHeights: { small: 16, default: 20, medium: 22, large: 24, extraLarge: 28 },
    spacing: { small: 4, default: 8, medium: 14, large: 20, extraLarge: 28, padding: 16 },
    separator: { lineThickness: 1, lineColor: '#e1e4e8' },
    imageSizes: { small: 40, medium: 80, large: 160 },
    containerStyles: {
      default: { backgroundColor: '#ffffff', foregroundColors: colours() },
      emphasis: { backgroundColor: '#f5f6f8', foregroundColors: colours() },
      accent: { backgroundColor: '#eef0fb', foregroundColors: colours() },
      good: { backgroundColor: '#eaf5ed', foregroundColors: colours() },
      attention: { backgroundColor: '#fdeceb', foregroundColors: colours() },
      warning: { backgroundColor: '#fff5dc', foregroundColors: colours() },
    },
    actions: {
      maxActions: 6,
      spacing: 'medium',
      buttonSpacing: 8,
      showCard: { actionMode: 'inline', inlineTopMargin: 12, style: 'emphasis' },
      actionsOrientation: 'horizontal',
      actionAlignment: 'left',
    },
    inputs: {
      label: {
        inputSpacing: 'small',
        requiredInputs: { weight: 'bolder', suffix: ' *', suffixColor: 'attention' },
        optionalInputs: { weight: 'bolder' },
      },
      errorMessage: { size: 'small', color: 'attention', spacing: 'small' },
    },
    factSet: {
      title: {
        color: 'default',
        isSubtle: true,
        size: 'default',
        weight: 'default',
        wrap: true,
        maxWidth: 200,
      },
      value: { color: 'default', size: 'default', weight: 'default', wrap: true },
      spacing: 12,
    },
    textBlock: { headingLevel: 3 },
  });
  return hostConfig;
}
