import type { MenuItemConstructorOptions } from 'electron';

export interface AppMenuActions {
  /** File → Import…: the open dialog, then the files are streamed to the engine. */
  importFiles: () => void;
  /** File → Export…: the window exports what it shows. */
  exportView: () => void;
  keyboardHelp: () => void;
  setTheme: (theme: 'system' | 'light' | 'dark') => void;
  /** Opens an https link in the user's browser (anything else is refused). */
  openLink: (url: string) => void;
}

export interface AppMenuOptions {
  platform: NodeJS.Platform;
  appName: string;
  theme: 'system' | 'light' | 'dark';
  /** The README on the web (package.json `homepage`), when there is one. */
  readmeUrl: string | null;
}

export const HELP_LINKS: readonly { label: string; url: string }[] = [
  { label: 'OpenTelemetry GenAI Semantic Conventions', url: 'https://opentelemetry.io/docs/specs/semconv/gen-ai/' },
  {
    label: 'OpenTelemetry Collector File Exporter',
    url: 'https://github.com/open-telemetry/opentelemetry-collector-contrib/tree/main/exporter/fileexporter',
  },
];

/** Only https links leave the app (span content is untrusted; a file: or custom scheme never opens). */
export function isHttpsUrl(url: string): boolean {
  try {
    return new URL(url).protocol === 'https:';
  } catch {
    return false;
  }
}

/** The native application menu: File (Import…, Export…), Edit, View (reload, zoom, dev tools, theme), Window, Help. */
export function appMenuTemplate(actions: AppMenuActions, opts: AppMenuOptions): MenuItemConstructorOptions[] {
  const mac = opts.platform === 'darwin';
  const themeItem = (theme: AppMenuOptions['theme'], label: string): MenuItemConstructorOptions => ({
    label,
    type: 'radio',
    checked: opts.theme === theme,
    click: () => {
      actions.setTheme(theme);
    },
  });
  const links = [
    ...(opts.readmeUrl !== null && isHttpsUrl(opts.readmeUrl) ? [{ label: 'Loupe README', url: opts.readmeUrl }] : []),
    ...HELP_LINKS,
  ];
  return [
    ...(mac ? [{ label: opts.appName, role: 'appMenu' as const }] : []),
    {
      label: '&File',
      submenu: [
        { label: 'Import…', accelerator: 'CmdOrCtrl+O', click: actions.importFiles },
        { label: 'Export…', accelerator: 'CmdOrCtrl+E', click: actions.exportView },
        { type: 'separator' },
        mac ? { role: 'close' } : { role: 'quit' },
      ],
    },
    { label: '&Edit', role: 'editMenu' },
    {
      label: '&View',
      submenu: [
        { role: 'reload' },
        { role: 'forceReload' },
        { role: 'toggleDevTools' },
        { type: 'separator' },
        { role: 'resetZoom' },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
        { type: 'separator' },
        {
          label: 'Theme',
          submenu: [themeItem('system', 'Follow System'), themeItem('light', 'Light'), themeItem('dark', 'Dark')],
        },
        { type: 'separator' },
        { role: 'togglefullscreen' },
      ],
    },
    { label: '&Window', role: 'windowMenu' },
    {
      label: '&Help',
      role: 'help',
      submenu: [
        { label: 'Keyboard Shortcuts', accelerator: mac ? undefined : 'F1', click: actions.keyboardHelp },
        { type: 'separator' },
        ...links.map(
          (link): MenuItemConstructorOptions => ({
            label: link.label,
            click: () => {
              actions.openLink(link.url);
            },
          }),
        ),
      ],
    },
  ];
}
