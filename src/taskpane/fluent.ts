// Office's look: Fluent UI Web Components (bundled, no CDN, no framework) and the Fluent light
// theme's tokens as CSS custom properties (an adopted style sheet, so the Content-Security-Policy
// needs no inline styles). Only the components the pane uses are defined.
import "@fluentui/web-components/button.js";
import "@fluentui/web-components/accordion.js";
import "@fluentui/web-components/accordion-item.js";
import "@fluentui/web-components/progress-bar.js";
import { setTheme } from "@fluentui/web-components/theme/set-theme.js";
import { webLightTheme } from "@fluentui/tokens";

setTheme(webLightTheme);
