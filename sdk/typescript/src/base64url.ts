// base64url without padding (RFC 4648 §5), written out because `btoa`/`Buffer` differ
// between runtimes and `btoa` only takes Latin-1 strings.

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'

const DECODE = (() => {
  const table = new Int16Array(128).fill(-1)
  for (let i = 0; i < ALPHABET.length; i++) table[ALPHABET.charCodeAt(i)] = i
  return table
})()

export function base64UrlEncode(bytes: Uint8Array): string {
  let out = ''
  let i = 0
  for (; i + 2 < bytes.length; i += 3) {
    const n = (bytes[i]! << 16) | (bytes[i + 1]! << 8) | bytes[i + 2]!
    out += ALPHABET[n >> 18]! + ALPHABET[(n >> 12) & 63]! + ALPHABET[(n >> 6) & 63]! + ALPHABET[n & 63]!
  }
  const rest = bytes.length - i
  if (rest === 1) {
    const n = bytes[i]! << 16
    out += ALPHABET[n >> 18]! + ALPHABET[(n >> 12) & 63]!
  } else if (rest === 2) {
    const n = (bytes[i]! << 16) | (bytes[i + 1]! << 8)
    out += ALPHABET[n >> 18]! + ALPHABET[(n >> 12) & 63]! + ALPHABET[(n >> 6) & 63]!
  }
  return out
}

/** Decodes base64url; trailing `=` padding is tolerated. Throws on any other character. */
export function base64UrlDecode(text: string): Uint8Array {
  const s = text.replace(/=+$/, '')
  if (s.length % 4 === 1) throw new TypeError('invalid base64url: bad length')
  const out = new Uint8Array(Math.floor((s.length * 3) / 4))
  let bits = 0
  let value = 0
  let o = 0
  for (let i = 0; i < s.length; i++) {
    const code = s.charCodeAt(i)
    const digit = code < 128 ? DECODE[code]! : -1
    if (digit < 0) throw new TypeError(`invalid base64url character at ${i}`)
    value = (value << 6) | digit
    bits += 6
    if (bits >= 8) {
      bits -= 8
      out[o++] = (value >> bits) & 0xff
    }
  }
  return out
}
