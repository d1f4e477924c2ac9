import type { ThemeConfig } from "antd";

const TEXT_COLOURS = { colorSuccess: "#237804", colorWarning: "#874d00" }; // green-8, gold-9

/**
 * antd's look with its text colours darkened to WCAG AA contrast (4.5:1), on white and on the light tints
 * behind tags and the selected menu entry. antd's defaults miss it: links and primary buttons (#1677ff, 4.1:1),
 * secondary text (45 % black, 3.4:1), success/warning/error text, and the text of coloured tags, which antd
 * writes in the 7th shade of the tag's colour on its 1st (green 3.4:1, gold 2.8:1). `motion` is off for
 * readers who ask their system for less of it.
 */
export function appTheme(motion: boolean): ThemeConfig {
  return {
    token: {
      colorPrimary: "#0958d9", // blue-7: 6.2:1 on white, 5.5:1 on the selected menu entry
      colorInfo: "#0958d9",
      colorError: "#cf1322", // red-7
      colorTextTertiary: "rgba(0, 0, 0, 0.6)", // secondary text and labels: 5.7:1
      colorSuccessText: TEXT_COLOURS.colorSuccess, // Typography's success and warning text
      colorWarningText: TEXT_COLOURS.colorWarning,
      green7: "#237804",
      gold7: "#874d00",
      volcano7: "#ad2102",
      orange7: "#ad4e00",
      cyan7: "#006d75",
      lime7: "#3f6600",
      yellow7: "#876800",
      motion,
    },
    // Success and warning keep antd's colours (their tints are derived from them) except where they are text.
    // A list's "nothing here" line is written in the disabled grey (25 % black, 1.8:1): secondary text instead.
    components: { Tag: TEXT_COLOURS, List: { colorTextDisabled: "rgba(0, 0, 0, 0.6)" } },
  };
}
