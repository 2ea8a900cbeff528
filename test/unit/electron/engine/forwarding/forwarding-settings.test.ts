import { afterEach, describe, expect, it } from 'vitest';
import { ForwardingSettings } from '../../../../../electron/engine/forwarding/forwarding-settings';
import { openDatabase } from '../../../../../electron/engine/store/open-database';
import { makeTempDir } from '../../../../helpers/temp-dir';

const cleanups: Array<() => void> = [];
afterEach(() => {
  for (const c of cleanups.splice(0)) c();
});

function openSettings(): ForwardingSettings {
  const tmp = makeTempDir();
  const db = openDatabase(tmp.dir);
  cleanups.push(() => {
    db.close();
    tmp.remove();
  });
  return new ForwardingSettings(db);
}

describe('ForwardingSettings.save with keepHeaders (the Settings page never sees header values)', () => {
  it('keeps the named stored headers, drops the others, and a header given anew wins', () => {
    const settings = openSettings();
    settings.save({
      enabled: true,
      url: 'https://otel.example/v1',
      headers: { authorization: 'Bearer a', 'x-team': 't1' },
    });
    const saved = settings.save(
      { enabled: false, url: 'https://otel.example/v1', headers: { 'x-team': 't2', 'x-new': 'n' } },
      ['authorization', 'x-team', 'never-stored'],
    );
    expect(saved.headers).toEqual({ authorization: 'Bearer a', 'x-team': 't2', 'x-new': 'n' });
    expect(settings.load()).toEqual({ enabled: false, url: 'https://otel.example/v1', headers: saved.headers });
    expect(settings.save({ enabled: false, url: '', headers: {} }).headers).toEqual({});
  });
});
