// Starts s3rver (an S3 API server) on an ephemeral loopback port with the bucket the tests
// use, prints "listening on 127.0.0.1:PORT" and runs until SIGTERM.
//   node s3rver.mjs DIRECTORY BUCKET
import S3rver from 's3rver';

const [directory, bucket] = process.argv.slice(2);
const server = new S3rver({
  address: '127.0.0.1',
  port: 0,
  silent: true,
  directory,
  configureBuckets: [{ name: bucket }],
});
const { address, port } = await server.run();
console.log(`listening on ${address}:${port}`);
for (const signal of ['SIGTERM', 'SIGINT']) {
  process.on(signal, async () => {
    await server.close();
    process.exit(0);
  });
}
