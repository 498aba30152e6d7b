// A minimal round-robin TCP load balancer for wrk_bench.sh: one URL for wrk in front of
// several control-plane replicas. Each new connection goes to the next backend in turn and
// its bytes are piped unchanged (HTTP keep-alive: a connection stays on its replica).
//   node round_robin.mjs PORT...   listens on 127.0.0.1 (any port), prints
//                                  "listening on 127.0.0.1:PORT", backends are 127.0.0.1:PORT...
import net from 'node:net';

const backends = process.argv.slice(2).map(Number);
if (backends.length === 0 || !backends.every((p) => Number.isInteger(p) && p > 0 && p < 65536)) {
  console.error('usage: node round_robin.mjs PORT...');
  process.exit(2);
}
let next = 0;
const server = net.createServer((client) => {
  const port = backends[next];
  next = (next + 1) % backends.length;
  const upstream = net.connect({ host: '127.0.0.1', port });
  client.setNoDelay(true);
  upstream.setNoDelay(true);
  client.pipe(upstream);
  upstream.pipe(client);
  const close = () => {
    client.destroy();
    upstream.destroy();
  };
  for (const socket of [client, upstream]) {
    socket.on('error', close);
    socket.on('close', close);
  }
});
server.listen(0, '127.0.0.1', () => {
  console.log(`listening on 127.0.0.1:${server.address().port}`);
});
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => process.exit(0));
