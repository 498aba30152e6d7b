// Markdown tables for the compare-*.sh scripts. Every time sits beside the bytes it
// produced: a faster encoder that writes a bigger (or much smaller) file is not faster at
// the same job, so rows whose bytes differ from the reference by more than ±5 % are flagged.
export const BYTES_TOLERANCE = 0.05

export const ms = (x) => x.toFixed(1)
export const bytes = (n) => n.toLocaleString('en-US')
export const ratio = (x, reference) => (x / reference).toFixed(2)

// '' when the sizes are comparable, else e.g. '**bytes +38 %**'.
export function bytesFlag(n, reference) {
  const change = n / reference - 1
  if (Math.abs(change) <= BYTES_TOLERANCE) return ''
  return `**bytes ${change > 0 ? '+' : '−'}${Math.round(Math.abs(change) * 100)} %**`
}

export function table(header, rows) {
  return [header, header.map(() => '---'), ...rows].map((cells) => `| ${cells.join(' | ')} |`).join('\n')
}
