import { chmodSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cliCachePath, findTemporalCli } from './cli.js';

function fakeExecutable(dir: string, name = 'temporal') {
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, name);
  writeFileSync(file, '#!/bin/sh\necho temporal\n');
  chmodSync(file, 0o755);
  return file;
}

describe('findTemporalCli', () => {
  const log = () => {};

  it('prefers TEMPORAL_CLI_PATH, then PATH, then the project cache', async () => {
    const root = mkdtempSync(path.join(os.tmpdir(), 'cli-'));
    const configured = fakeExecutable(path.join(root, 'configured'));
    const onPath = fakeExecutable(path.join(root, 'bin'));
    const cached = fakeExecutable(path.dirname(cliCachePath(root)));
    const env = { PATH: path.join(root, 'bin') };
    expect(await findTemporalCli({ configuredPath: configured, projectRoot: root, log, env })).toEqual({ kind: 'path', path: configured, source: 'TEMPORAL_CLI_PATH' });
    expect(await findTemporalCli({ projectRoot: root, log, env })).toEqual({ kind: 'path', path: onPath, source: 'PATH' });
    expect(await findTemporalCli({ projectRoot: root, log, env: { PATH: '' } })).toEqual({ kind: 'path', path: cached, source: 'cache' });
  });

  it('refuses a TEMPORAL_CLI_PATH that is not executable', async () => {
    await expect(findTemporalCli({ configuredPath: '/no/such/temporal', projectRoot: '/tmp', log })).rejects.toThrow(/not an executable/);
  });

  it('falls back to the SDK download when there is no CLI and no Go', async () => {
    const root = mkdtempSync(path.join(os.tmpdir(), 'cli-'));
    const lines: string[] = [];
    const found = await findTemporalCli({ projectRoot: root, log: (l) => lines.push(l), env: { PATH: path.join(root, 'empty') } });
    expect(found).toEqual({ kind: 'download' });
    expect(lines.join('\n')).toMatch(/needs internet/);
  });
});
