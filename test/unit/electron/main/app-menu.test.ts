import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { type AppMenuActions, appMenuTemplate, isHttpsUrl } from '../../../../electron/main/app-menu';

function actions(): AppMenuActions {
  return { importFiles: vi.fn(), exportView: vi.fn(), keyboardHelp: vi.fn(), setTheme: vi.fn(), openLink: vi.fn() };
}

function find(items: MenuItemConstructorOptions[], path: string[]): MenuItemConstructorOptions {
  let current: MenuItemConstructorOptions | undefined;
  let level = items;
  for (const label of path) {
    current = level.find((i) => (i.label ?? i.role)?.replace('&', '') === label);
    if (!current) throw new Error(`no menu item ${path.join(' › ')}`);
    level = (current.submenu ?? []) as MenuItemConstructorOptions[];
  }
  return current!;
}

const click = (item: MenuItemConstructorOptions) => (item.click as () => void)();

describe('appMenuTemplate', () => {
  const opts = { platform: 'linux' as const, appName: 'Loupe', theme: 'system' as const, readmeUrl: null };

  it('File › Import… and Export… call their actions, with the usual shortcuts', () => {
    const a = actions();
    const menu = appMenuTemplate(a, opts);
    const imp = find(menu, ['File', 'Import…']);
    expect(imp.accelerator).toBe('CmdOrCtrl+O');
    click(imp);
    click(find(menu, ['File', 'Export…']));
    click(find(menu, ['Help', 'Keyboard Shortcuts']));
    expect(a.importFiles).toHaveBeenCalledOnce();
    expect(a.exportView).toHaveBeenCalledOnce();
    expect(a.keyboardHelp).toHaveBeenCalledOnce();
  });

  it('View has reload, zoom, dev tools and a theme choice showing the current one', () => {
    const a = actions();
    const menu = appMenuTemplate(a, { ...opts, theme: 'dark' });
    const roles = (find(menu, ['View']).submenu as MenuItemConstructorOptions[]).map((i) => i.role).filter(Boolean);
    expect(roles).toEqual(expect.arrayContaining(['reload', 'toggleDevTools', 'zoomIn', 'zoomOut', 'resetZoom']));
    expect(find(menu, ['View', 'Theme', 'Dark']).checked).toBe(true);
    click(find(menu, ['View', 'Theme', 'Light']));
    expect(a.setTheme).toHaveBeenCalledWith('light');
  });

  it('Help links are https only; the README item appears only for an https homepage', () => {
    const a = actions();
    const without = appMenuTemplate(a, { ...opts, readmeUrl: 'http://example.com/readme' });
    expect(() => find(without, ['Help', 'Loupe README'])).toThrow();
    const menu = appMenuTemplate(a, { ...opts, readmeUrl: 'https://example.com/loupe#readme' });
    click(find(menu, ['Help', 'Loupe README']));
    expect(a.openLink).toHaveBeenCalledWith('https://example.com/loupe#readme');
    for (const item of find(menu, ['Help']).submenu as MenuItemConstructorOptions[]) {
      if (item.click && item.label !== 'Keyboard Shortcuts') {
        click(item);
      }
    }
    for (const [url] of vi.mocked(a.openLink).mock.calls) expect(isHttpsUrl(url)).toBe(true);
    expect(isHttpsUrl('file:///etc/passwd')).toBe(false);
    expect(isHttpsUrl('javascript:alert(1)')).toBe(false);
  });

  it('macOS gets the app menu first', () => {
    expect(appMenuTemplate(actions(), { ...opts, platform: 'darwin' })[0]).toMatchObject({ role: 'appMenu' });
  });
});
