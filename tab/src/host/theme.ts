import { teamsDarkTheme, teamsHighContrastTheme, teamsLightTheme, type Theme } from '@fluentui/react-components';
import type { HostTheme } from './teams-host';

/** The Fluent theme for each Teams theme, so the tab looks like part of Teams in all three. */
export function fluentTheme(theme: HostTheme): Theme {
  switch (theme) {
    case 'dark':
      return teamsDarkTheme;
    case 'contrast':
      return teamsHighContrastTheme;
    default:
      return teamsLightTheme;
  }
}
