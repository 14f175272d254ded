// Where the test world's webhooks may point: loopback receivers and example.com, without the network.
import { createDestinationPolicy, type DestinationPolicy, type Resolve, systemResolve } from '../../server/net/public-destination.js';

/**
 * Names under example.com (reserved for documentation, RFC 2606) resolve to one public address
 * without the network, so tests can save webhooks to them; other names go to the system resolver.
 */
const testResolve: Resolve = async (hostname) =>
  /(^|\.)example\.com\.?$/i.test(hostname) ? [{ address: '93.184.215.14', family: 4 }] : systemResolve(hostname);

/**
 * The tests' receivers listen on loopback, so the test world allows it explicitly, as an operator
 * would with WEBHOOK_ALLOW_PRIVATE; tests of the check itself build a policy without it.
 */
export const testDestinations: DestinationPolicy = createDestinationPolicy({ allowPrivate: ['127.0.0.0/8', '::1/128'], resolve: testResolve });
