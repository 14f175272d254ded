// Load generator for the claim benchmark, run as its own process so the measured server does not
// share an event loop with its clients. Reads a JSON spec on stdin, writes JSON results on stdout.
interface Spec {
  url: string;
  reps: { id: string; token: string }[];
  customers: string[];
  attemptsPerRep: number;
}

const spec = JSON.parse(await new Promise<string>((resolve) => {
  let s = '';
  process.stdin.on('data', (d) => (s += d));
  process.stdin.on('end', () => resolve(s));
})) as Spec;

const attempts: { rep: string; customer: string; status: number; code: string; ms: number }[] = [];
const started = performance.now();
await Promise.all(
  spec.reps.map(async (rep) => {
    for (let k = 0; k < spec.attemptsPerRep; k++) {
      const customer = spec.customers[Math.floor(Math.random() * spec.customers.length)]!;
      const t0 = performance.now();
      const res = await fetch(`${spec.url}/customers/${customer}/claim`, { method: 'POST', headers: { authorization: `Bearer ${rep.token}` } });
      const body = (await res.json()) as { error?: { code: string } };
      attempts.push({ rep: rep.id, customer, status: res.status, code: res.status === 200 ? 'ok' : (body.error?.code ?? String(res.status)), ms: performance.now() - t0 });
    }
  }),
);
process.stdout.write(JSON.stringify({ seconds: (performance.now() - started) / 1000, attempts }));
