// Waits (up to 20 s) until a URL answers 200: a freshly started server is ready.
const [target] = process.argv.slice(2);
const deadline = Date.now() + 20_000;
while (Date.now() < deadline) {
  try {
    if ((await fetch(target)).ok) process.exit(0);
  } catch {
    // not listening yet
  }
  await new Promise((resolve) => setTimeout(resolve, 100));
}
console.error(`wait_healthy: ${target} did not answer 200 within 20 s`);
process.exit(1);
