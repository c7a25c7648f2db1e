// The Electron window may name only paths the user chose this session (electron/grants.ts, used by
// electron/main.ts before a job reaches the engine). Plain Node: no Electron binary needed.
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { validateJob } from '../../src/api/contract.ts';
import { PathGrants } from '../../electron/grants.ts';

const home = resolve('/home/analyst');
const picked = join(home, 'news', 'bericht.html');
const folder = join(home, 'dropped');
const target = join(home, 'Documents', 'pairs.tmx');

function grants(): PathGrants {
  const g = new PathGrants();
  g.allowRead([picked, folder]);
  g.allowWrite(target);
  return g;
}

describe('the Electron path grants', () => {
  it('lets ingest read only files and folders that were picked or dropped', () => {
    const g = grants();
    expect(g.refusal(validateJob('ingest', { paths: [picked] }))).toBeNull();
    expect(g.refusal(validateJob('ingest', { paths: [folder, join(folder, 'a.txt'), join(folder, 'sub', 'b.txt')] }))).toBeNull();
    for (const path of ['/etc/passwd', join(home, '.ssh', 'id_ed25519'), join(home, 'news', 'other.html'), join(folder, '..', 'secret.txt'), `${folder}-evil/x.txt`, 'bericht.html', join(home, 'news')]) {
      const refused = g.refusal(validateJob('ingest', { paths: [picked, path] }));
      expect(refused, path).toMatch(/^ingest: ".*" was not picked or dropped in this window/);
      expect(refused, path).not.toContain(home);
      expect(refused, path).not.toContain('/etc');
    }
  });

  it('lets importMemory read only picked files', () => {
    const g = grants();
    expect(g.refusal(validateJob('importMemory', { file: picked }))).toBeNull();
    expect(g.refusal(validateJob('importMemory', { file: '/etc/shadow' }))).toMatch(/^importMemory: "shadow" was not picked/);
  });

  it('lets export write only where the save dialog pointed (any export format of that name)', () => {
    const g = grants();
    expect(g.refusal(validateJob('export', { format: 'tmx', out: target }))).toBeNull();
    // The dialog's format switch keeps the chosen name with the new extension.
    expect(g.refusal(validateJob('export', { format: 'tsv', out: join(home, 'Documents', 'pairs.tsv') }))).toBeNull();
    for (const out of [join(home, '.bashrc'), join(home, 'Documents', 'pairs.tmx.sh'), join(home, 'Documents', 'other.tmx'), join(home, 'pairs.tmx'), join(home, 'Documents', 'x', '..', '..', '.profile'), 'pairs.tmx', picked]) {
      const refused = g.refusal(validateJob('export', { format: 'tmx', out }));
      expect(refused, out).toMatch(/^export: ".*" was not chosen in the save dialog/);
      expect(refused, out).not.toContain(home);
    }
    // A granted read is no licence to write, nor a granted write to read.
    expect(g.refusal(validateJob('ingest', { paths: [target] }))).toMatch(/not picked or dropped/);
  });

  it('grants nothing before the user chooses, and jobs without paths need none', () => {
    const g = new PathGrants();
    expect(g.refusal(validateJob('ingest', { paths: [picked] }))).not.toBeNull();
    expect(g.refusal(validateJob('export', { format: 'tmx', out: target }))).not.toBeNull();
    expect(g.refusal(validateJob('match', {}))).toBeNull();
    expect(g.refusal(validateJob('translate', {}))).toBeNull();
  });

  it('takes only absolute paths as grants', () => {
    const g = new PathGrants();
    for (const bad of ['relative/a.txt', '', 42, null, '/a\0b', `/${'x'.repeat(5000)}`]) expect(() => g.allowRead([bad]), String(bad)).toThrow(/absolute path/);
    expect(() => g.allowWrite('out.tmx')).toThrow(/absolute path/);
    expect(g.allowRead([join(home, 'a', '..', 'b.txt')])).toEqual([join(home, 'b.txt')]);
    expect(g.refusal(validateJob('ingest', { paths: [join(home, 'b.txt')] }))).toBeNull();
  });
});
