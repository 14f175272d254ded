// A TCP proxy in front of a server that a test can cut off, black-hole and restore, to simulate outages.
import net from 'node:net';

export interface TcpProxy {
  port: number;
  /** Drops every open connection and refuses new ones until resume(). */
  cut(): void;
  /**
   * A network that swallows packets: new connections are accepted but nothing reaches the server,
   * open ones stall without an error, until resume() (what was held back then flows, as TCP would
   * retransmit it).
   */
  blackHole(): void;
  /**
   * Forwards again, after cut() or blackHole(). With keepStalled, connections that stalled in the
   * black hole stay stalled for good (their state was lost, as behind a NAT that forgot them); only
   * new ones forward.
   */
  resume(options?: { keepStalled?: boolean }): void;
  close(): Promise<void>;
}

interface Link {
  client: net.Socket;
  upstream: net.Socket | null;
}

export async function startTcpProxy(target: { host: string; port: number }): Promise<TcpProxy> {
  let mode: 'forward' | 'cut' | 'black-hole' = 'forward';
  const sockets = new Set<net.Socket>();
  const links = new Set<Link>();
  const track = (s: net.Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
    s.on('error', () => s.destroy());
  };
  const connectUpstream = (link: Link) => {
    const upstream = net.connect(target);
    track(upstream);
    link.upstream = upstream;
    link.client.on('close', () => upstream.destroy());
    upstream.on('close', () => link.client.destroy());
  };
  // unpipe() alone may let a drained destination restart the flow, so both sides are paused too.
  const flow = (link: Link) => {
    if (!link.upstream) connectUpstream(link);
    link.client.pipe(link.upstream!);
    link.upstream!.pipe(link.client);
  };
  const stall = (link: Link) => {
    link.client.unpipe();
    link.upstream?.unpipe();
    link.client.pause();
    link.upstream?.pause();
  };
  const server = net.createServer((client) => {
    if (mode === 'cut') return client.destroy();
    track(client);
    const link: Link = { client, upstream: null };
    links.add(link);
    client.on('close', () => links.delete(link));
    if (mode === 'forward') flow(link);
    else client.pause();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as net.AddressInfo).port,
    cut() {
      mode = 'cut';
      for (const s of sockets) s.destroy();
    },
    blackHole() {
      mode = 'black-hole';
      for (const link of links) stall(link);
    },
    resume({ keepStalled = false } = {}) {
      const was = mode;
      mode = 'forward';
      if (was !== 'black-hole') return;
      if (keepStalled) links.clear();
      else for (const link of links) flow(link);
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
