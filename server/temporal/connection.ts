// Client and worker connections to Temporal, with TLS or an API key for a production cluster.
import { readFileSync } from 'node:fs';
import { Client, Connection } from '@temporalio/client';
import proto from '@temporalio/proto';
import { NativeConnection } from '@temporalio/worker';
import { searchAttributeKeys } from '../../workflows/shared.js';

export interface TemporalOptions {
  address: string;
  namespace: string;
  tls?: boolean;
  tlsCertPath?: string | undefined;
  tlsKeyPath?: string | undefined;
  apiKey?: string | undefined;
}

function tlsConfig(o: TemporalOptions) {
  if (o.tlsCertPath && o.tlsKeyPath) {
    return { clientCertPair: { crt: readFileSync(o.tlsCertPath), key: readFileSync(o.tlsKeyPath) } };
  }
  return o.tls || o.apiKey ? true : undefined;
}

export async function connectClient(o: TemporalOptions): Promise<{ client: Client; connection: Connection }> {
  const tls = tlsConfig(o);
  const connection = await Connection.connect({
    address: o.address,
    ...(tls ? { tls } : {}),
    ...(o.apiKey ? { apiKey: o.apiKey } : {}),
  });
  return { client: new Client({ connection, namespace: o.namespace }), connection };
}

export async function connectWorker(o: TemporalOptions): Promise<NativeConnection> {
  const tls = tlsConfig(o);
  return NativeConnection.connect({
    address: o.address,
    ...(tls ? { tls } : {}),
    ...(o.apiKey ? { apiKey: o.apiKey } : {}),
  });
}

/**
 * Registers the workflow's search attributes when the namespace lacks them. A cluster that does not
 * allow it (cloud) must have them created by an operator; the returned list says which are missing.
 */
export async function ensureSearchAttributes(connection: Connection, namespace: string): Promise<string[]> {
  const existing = await connection.operatorService.listSearchAttributes({ namespace });
  const known = new Set([...Object.keys(existing.customAttributes ?? {}), ...Object.keys(existing.systemAttributes ?? {})]);
  const missing = searchAttributeKeys.filter((k) => !known.has(k.name));
  if (missing.length === 0) return [];
  const T = proto.temporal.api.enums.v1.IndexedValueType;
  const indexedType: Record<string, proto.temporal.api.enums.v1.IndexedValueType> = {
    KEYWORD: T.INDEXED_VALUE_TYPE_KEYWORD,
    DATETIME: T.INDEXED_VALUE_TYPE_DATETIME,
  };
  try {
    await connection.operatorService.addSearchAttributes({
      namespace,
      searchAttributes: Object.fromEntries(missing.map((k) => [k.name, indexedType[k.type] ?? indexedType.KEYWORD!])),
    });
    return [];
  } catch {
    return missing.map((k) => k.name);
  }
}
