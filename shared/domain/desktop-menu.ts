/**
 * What the desktop shell's menu asks the window to do (File → Import… is done by the shell itself:
 * it streams the chosen files to the engine and tells the window how it goes as ImportJobEvents).
 */
export const MENU_COMMANDS = ['export', 'keyboard-help'] as const;
export type MenuCommand = (typeof MENU_COMMANDS)[number];

export function isMenuCommand(value: unknown): value is MenuCommand {
  return typeof value === 'string' && (MENU_COMMANDS as readonly string[]).includes(value);
}
