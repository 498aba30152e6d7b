// Secrets a local user could read off the running stack.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';

import { env } from './stack_client.mjs';

test('EdgeTokenIsNotInAnyCommandLine', () => {
  // The token reads every tenant's secrets and originals; `ps` shows argv to every user.
  const token = readFileSync(join(env.data, 'edge-token'), 'utf8').trim();
  assert.ok(token.length >= 16);
  let seen = 0;
  for (const pid of readdirSync('/proc').filter((p) => /^\d+$/.test(p))) {
    let cmdline;
    try {
      cmdline = readFileSync(`/proc/${pid}/cmdline`, 'latin1');
    } catch {
      continue; // gone meanwhile
    }
    seen++;
    assert.ok(!cmdline.includes(token), `process ${pid} has the edge token in argv: ${cmdline.split('\0')[0]}`);
  }
  assert.ok(seen > 3);
});

test('InternalApiIsNotOnThePublicListener', async () => {
  // With a Worker deployment the internal API must be reachable by the edge, not the world:
  // the stack runs it on a listener (and threads) of its own.
  const token = readFileSync(join(env.data, 'edge-token'), 'utf8').trim();
  const headers = { Authorization: `Bearer ${token}` };
  assert.notEqual(env.internalApi, env.api);
  assert.equal((await fetch(`${env.api}/internal/v1/tenants/attacker-co`, { headers })).status, 404);
  assert.equal((await fetch(`${env.internalApi}/internal/v1/tenants/attacker-co`, { headers })).status, 200);
  assert.equal((await fetch(`${env.internalApi}/internal/v1/tenants/attacker-co`)).status, 401);
});
