/**
 * Source address prefixes of network rules: an IPv4 or IPv6 address, a CIDR block, `*`, or an
 * Azure service tag (`Internet`, `VirtualNetwork`, `AzureCloud.WestEurope`).
 */

function ipv4(text: string): boolean {
  const parts = text.split('.');
  return parts.length === 4 && parts.every((p) => /^(0|[1-9]\d{0,2})$/.test(p) && Number(p) <= 255);
}

function ipv6(text: string): boolean {
  if (!/^[0-9a-fA-F:.]+$/.test(text) || (text.match(/::/g) ?? []).length > 1) return false;
  const tail = text.split(':').pop()!;
  const groups = text
    .split(':')
    .filter((g, i, all) => !(g === '' && (i === 0 || i === all.length - 1 || all[i - 1] === '')));
  const v4Tail = tail.includes('.') ? ipv4(tail) : true;
  if (!v4Tail) return false;
  const count = groups.length + (tail.includes('.') ? 1 : 0);
  const compressed = text.includes('::');
  return (
    groups.every((g) => g === '' || /^[0-9a-fA-F]{1,4}$/.test(g) || (g === tail && tail.includes('.'))) &&
    (compressed ? count <= 8 : count === 8)
  );
}

/** What kind of prefix a string is, or undefined when it is none. */
export function addressPrefixKind(text: string): 'ip' | 'cidr' | 'any' | 'serviceTag' | undefined {
  if (text === '*') return 'any';
  const slash = text.indexOf('/');
  if (slash >= 0) {
    const ip = text.slice(0, slash);
    const bits = text.slice(slash + 1);
    if (!/^\d{1,3}$/.test(bits)) return undefined;
    if (ipv4(ip) && Number(bits) <= 32) return 'cidr';
    if (ipv6(ip) && Number(bits) <= 128) return 'cidr';
    return undefined;
  }
  if (ipv4(text) || ipv6(text)) return 'ip';
  if (/^[A-Za-z][A-Za-z0-9]*(\.[A-Za-z0-9]+)?$/.test(text)) return 'serviceTag';
  return undefined;
}

/** Whether a prefix opens to the whole internet: `*`, `Internet`, `Any`, `0.0.0.0/0` or `::/0`. */
export function isOpenToInternet(prefix: string): boolean {
  return ['*', 'internet', 'any', '0.0.0.0/0', '::/0', '0.0.0.0'].includes(prefix.toLowerCase());
}
