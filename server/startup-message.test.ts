import { describe, expect, it } from 'vitest';
import type { BootstrapResult } from './bootstrap.js';
import { adminTokenLine, startupLines } from './startup-message.js';

const boot = (b: Partial<BootstrapResult>): BootstrapResult => ({ token: null, created: false, configured: false, tokenFile: null, ...b });

describe('the start-up message', () => {
  it('prints a generated admin token on the start that created it, with where it is kept', () => {
    expect(adminTokenLine(boot({ token: 'hs_new', created: true, tokenFile: '/data/admin-token' }))).toBe('  admin token    hs_new (shown once; kept in /data/admin-token)');
    expect(adminTokenLine(boot({ token: 'hs_new', created: true }))).toBe('  admin token    hs_new (shown once; copy it now)');
  });

  it('never prints the token on later starts or when it comes from BOOTSTRAP_ADMIN_TOKEN', () => {
    const later = adminTokenLine(boot({ token: 'hs_old', tokenFile: '/data/admin-token' }));
    expect(later).not.toContain('hs_old');
    expect(later).toBe('  admin token    in /data/admin-token (created on the first start)');
    for (const created of [true, false]) {
      const line = adminTokenLine(boot({ token: 'hs_configured_secret', created, configured: true }));
      expect(line).not.toContain('hs_configured_secret');
      expect(line).toContain('BOOTSTRAP_ADMIN_TOKEN');
    }
    const api = adminTokenLine(boot({}));
    expect(api).toContain('POST /reps/{id}/tokens');
    expect(api).not.toMatch(/hs_/);
  });

  it('prints the first admin\'s e-mail and one-time password link on the start that created them', () => {
    const admin = boot({ token: 'hs_new', created: true, invitation: { email: 'admin@highseas.local', token: 'secret-link', expiresAt: new Date('2026-12-05T12:00:00Z') } });
    const lines = startupLines({ apiUrl: 'http://127.0.0.1:3000', workerTaskQueue: null, temporalAddress: 't:7233', temporalNamespace: 'default', temporalUiUrl: null, database: 'x', admin, publicUrl: 'https://crm.example.com' });
    expect(lines).toContain('  admin sign-in  admin@highseas.local: set a password at https://crm.example.com/ui/accept-invitation#secret-link (one-time link, valid until 2026-12-05T12:00:00.000Z)');
    expect(startupLines({ apiUrl: 'http://127.0.0.1:3000', workerTaskQueue: null, temporalAddress: 't:7233', temporalNamespace: 'default', temporalUiUrl: null, database: 'x', admin: boot({ token: 'hs_old' }) }).join('\n')).not.toContain('admin sign-in');
  });

  it('lists what runs, and the admin token only for a process with the API', () => {
    const facts = {
      apiUrl: 'http://127.0.0.1:3000',
      workerTaskQueue: 'highseas',
      temporalAddress: '127.0.0.1:7233',
      temporalNamespace: 'default',
      temporalUiUrl: 'http://127.0.0.1:8233',
      database: 'PGlite (embedded) at ./data/pglite',
      admin: boot({ token: 'hs_new', created: true }),
    };
    expect(startupLines(facts)).toEqual([
      '',
      'highseas is running',
      '  API            http://127.0.0.1:3000',
      '  API docs       http://127.0.0.1:3000/docs',
      '  worker         task queue highseas',
      '  Temporal       127.0.0.1:7233 (namespace default)',
      '  Temporal UI    http://127.0.0.1:8233',
      '  database       PGlite (embedded) at ./data/pglite',
      '  admin token    hs_new (shown once; copy it now)',
    ]);
    const workerOnly = startupLines({ ...facts, apiUrl: null, temporalUiUrl: null, admin: null });
    expect(workerOnly.join('\n')).not.toMatch(/API|admin token/);
  });
});
