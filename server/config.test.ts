import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.js';

describe('loadConfig', () => {
  it('gives the embedded defaults when nothing is set', () => {
    const c = loadConfig({}, '/srv/app');
    expect(c).toMatchObject({ PORT: 3000, HOST: '127.0.0.1', DATA_DIR: '/srv/app/data', TEMPORAL_NAMESPACE: 'default', TEMPORAL_TASK_QUEUE: 'highseas', LOG_LEVEL: 'info' });
    expect(c.DATABASE_URL).toBeUndefined();
    expect(c.TEMPORAL_ADDRESS).toBeUndefined();
  });

  it('treats empty strings as unset', () => {
    expect(loadConfig({ DATABASE_URL: '', TEMPORAL_ADDRESS: ' ' }).DATABASE_URL).toBeUndefined();
  });

  it('names every bad key at once', () => {
    try {
      loadConfig({ PORT: 'x', DATABASE_URL: 'mysql://a', TEMPORAL_ADDRESS: 'host', LOG_LEVEL: 'loud', TEMPORAL_TLS: 'maybe' });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(ConfigError);
      const keys = (e as ConfigError).problems.map((p) => p.split(':')[0]).sort();
      expect(keys).toEqual(['DATABASE_URL', 'LOG_LEVEL', 'PORT', 'TEMPORAL_ADDRESS', 'TEMPORAL_TLS']);
      expect((e as Error).message).toMatch(/expected host:port/);
    }
  });

  it('reads the public URL for chat links (without a trailing slash) and the chat rate window', () => {
    expect(loadConfig({}).PUBLIC_URL).toBeUndefined();
    expect(loadConfig({}).CHAT_RATE_WINDOW).toBe(60_000);
    expect(loadConfig({ PUBLIC_URL: 'https://crm.example.com/', CHAT_RATE_WINDOW: '5s' })).toMatchObject({ PUBLIC_URL: 'https://crm.example.com', CHAT_RATE_WINDOW: 5_000 });
    expect(() => loadConfig({ PUBLIC_URL: 'crm.example.com' })).toThrow(/PUBLIC_URL/);
    expect(() => loadConfig({ CHAT_RATE_WINDOW: '10ms' })).toThrow(/CHAT_RATE_WINDOW/);
  });

  it('requires TLS certificate and key together', () => {
    expect(() => loadConfig({ TEMPORAL_TLS_CERT_PATH: '/c.pem' })).toThrow(/set together/);
  });

  it('parses production settings', () => {
    const c = loadConfig({ DATABASE_URL: 'postgres://u@db/hs', TEMPORAL_ADDRESS: 'temporal.internal:7233', PORT: '8080', TEMPORAL_TLS: 'true' });
    expect(c).toMatchObject({ PORT: 8080, TEMPORAL_TLS: true, TEMPORAL_ADDRESS: 'temporal.internal:7233' });
  });

  it('reads the private ranges webhooks may reach: none unless listed, each a CIDR range', () => {
    expect(loadConfig({}).WEBHOOK_ALLOW_PRIVATE).toEqual([]);
    expect(loadConfig({ WEBHOOK_ALLOW_PRIVATE: '10.20.0.0/16, fd00::/8 127.0.0.0/8' }).WEBHOOK_ALLOW_PRIVATE).toEqual(['10.20.0.0/16', 'fd00::/8', '127.0.0.0/8']);
    try {
      loadConfig({ WEBHOOK_ALLOW_PRIVATE: '10.0.0.0/8,192.168.1.1,intranet' });
      expect.unreachable();
    } catch (e) {
      expect((e as ConfigError).problems).toEqual([
        'WEBHOOK_ALLOW_PRIVATE: "192.168.1.1" is not a CIDR range; list ranges such as 10.0.0.0/8 or fd00::/8, separated by commas',
        'WEBHOOK_ALLOW_PRIVATE: "intranet" is not a CIDR range; list ranges such as 10.0.0.0/8 or fd00::/8, separated by commas',
      ]);
    }
  });

  it('bounds every wait for Postgres by default, takes durations and 0 for none', () => {
    expect(loadConfig({})).toMatchObject({
      DATABASE_CONNECT_TIMEOUT: 5000,
      DATABASE_STATEMENT_TIMEOUT: 8000,
      DATABASE_QUERY_TIMEOUT: 10000,
      DATABASE_IDLE_IN_TRANSACTION_TIMEOUT: 20000,
      DATABASE_KEEPALIVE_DELAY: 10000,
    });
    expect(loadConfig({ DATABASE_STATEMENT_TIMEOUT: '0', DATABASE_QUERY_TIMEOUT: '1m', DATABASE_CONNECT_TIMEOUT: '750ms' })).toMatchObject({
      DATABASE_STATEMENT_TIMEOUT: 0,
      DATABASE_QUERY_TIMEOUT: 60000,
      DATABASE_CONNECT_TIMEOUT: 750,
    });
    expect(() => loadConfig({ DATABASE_CONNECT_TIMEOUT: 'soon' })).toThrow(/DATABASE_CONNECT_TIMEOUT: expected a duration/);
  });

  it('refuses a query bound that would fire before Postgres cancels the statement', () => {
    expect(() => loadConfig({ DATABASE_STATEMENT_TIMEOUT: '10s', DATABASE_QUERY_TIMEOUT: '10s' })).toThrow(/DATABASE_QUERY_TIMEOUT must be longer/);
  });

  it('reads the metrics and log settings: host:port addresses, a long token, a log format', () => {
    const defaults = loadConfig({});
    expect([defaults.METRICS_TOKEN, defaults.METRICS_ADDRESS, defaults.TEMPORAL_METRICS_ADDRESS, defaults.LOG_FORMAT]).toEqual([undefined, undefined, undefined, undefined]);
    expect(loadConfig({ METRICS_ADDRESS: '0.0.0.0:9464', TEMPORAL_METRICS_ADDRESS: '[::1]:9465', METRICS_TOKEN: 'p'.repeat(24), LOG_FORMAT: 'json' })).toMatchObject({
      METRICS_ADDRESS: '0.0.0.0:9464',
      TEMPORAL_METRICS_ADDRESS: '[::1]:9465',
      LOG_FORMAT: 'json',
    });
    try {
      loadConfig({ METRICS_ADDRESS: '9464', METRICS_TOKEN: 'short', LOG_FORMAT: 'xml' });
      expect.unreachable();
    } catch (e) {
      expect((e as ConfigError).problems.map((p) => p.split(':')[0]).sort()).toEqual(['LOG_FORMAT', 'METRICS_ADDRESS', 'METRICS_TOKEN']);
    }
    expect(() => loadConfig({ METRICS_ADDRESS: '127.0.0.1:9464', TEMPORAL_METRICS_ADDRESS: '127.0.0.1:9464' })).toThrow(/must differ/);
  });
});

describe('NEAR_DUPLICATE_THRESHOLD', () => {
  it('defaults to the measured 0.6 and accepts 0.1..1, refusing anything else with the key named', () => {
    expect(loadConfig({}).NEAR_DUPLICATE_THRESHOLD).toBe(0.6);
    expect(loadConfig({ NEAR_DUPLICATE_THRESHOLD: '0.75' }).NEAR_DUPLICATE_THRESHOLD).toBe(0.75);
    for (const bad of ['0', '1.5', 'high']) expect(() => loadConfig({ NEAR_DUPLICATE_THRESHOLD: bad })).toThrow(/NEAR_DUPLICATE_THRESHOLD/);
  });
});
