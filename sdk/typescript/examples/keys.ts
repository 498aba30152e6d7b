// Product page: "API Keys".
import type { ApiKey, Immagin } from '@immagin/client'

export async function manageKeys(client: Immagin, keyId: string): Promise<ApiKey[]> {
  // Create a new key
  const { key, prefix, name } = await client.keys.create({
    name: 'Production',
  })
  // key → 'imk_aBcDeFgHiJkLmNoPqRsTuV'
  // prefix → 'imk_aBcD'
  console.log(key, prefix, name)
  // List all keys
  const keys = await client.keys.list()
  // Revoke a key
  await client.keys.revoke(keyId)
  return keys
}
