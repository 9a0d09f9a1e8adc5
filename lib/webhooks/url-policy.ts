import { BlockList, isIP } from 'node:net';

/**
 * Where webhooks may go (SSRF): `public`, https to public addresses only (AWS); `loopback`, the same
 * plus http or https to this machine (offline, for a receiver on 127.0.0.1). Private, link-local,
 * metadata (169.254.169.254, fd00:ec2::254) and other special addresses are refused in both.
 */
export type UrlPolicy = 'public' | 'loopback';

/** One address of a name, as `dns.lookup({ all: true })` answers. */
export interface ResolvedAddress {
  address: string;
  family: 4 | 6;
}
/** Injected, so that tests resolve names without a packet on the network. */
export type Resolver = (hostname: string) => Promise<ResolvedAddress[]>;

export const systemResolver: Resolver = async (hostname) => {
  const { lookup } = await import('node:dns/promises');
  return (await lookup(hostname, { all: true, verbatim: true })) as ResolvedAddress[];
};

// Node's own address matcher (net.BlockList) over the IANA special-purpose registries. It checks an
// IPv4-mapped IPv6 address (::ffff:10.0.0.1) against the IPv4 rules.
const SPECIAL = new BlockList();
for (const [network, prefix] of [
  ['0.0.0.0', 8], // "this network"
  ['10.0.0.0', 8],
  ['100.64.0.0', 10], // carrier-grade NAT
  ['127.0.0.0', 8],
  ['169.254.0.0', 16], // link-local, the EC2/ECS metadata services
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.0.2.0', 24],
  ['192.88.99.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['198.51.100.0', 24],
  ['203.0.113.0', 24],
  ['224.0.0.0', 4], // multicast
  ['240.0.0.0', 4], // reserved, broadcast
] as const)
  SPECIAL.addSubnet(network, prefix, 'ipv4');
for (const [network, prefix] of [
  ['::', 128],
  ['::1', 128],
  ['64:ff9b::', 96], // NAT64, the same
  ['100::', 64],
  ['2001:db8::', 32],
  ['fc00::', 7], // unique local, fd00:ec2::254 (the EC2 metadata service) among them
  ['fe80::', 10],
  ['ff00::', 8],
] as const)
  SPECIAL.addSubnet(network, prefix, 'ipv6');

const LOOPBACK = new BlockList();
LOOPBACK.addSubnet('127.0.0.0', 8, 'ipv4');
LOOPBACK.addAddress('::1', 'ipv6');

const familyOf = (address: string) => (isIP(address) === 6 ? 'ipv6' : 'ipv4');

/** Why an address may not be called under `policy`, or undefined if it may. */
export function refusedAddress(address: string, policy: UrlPolicy): string | undefined {
  if (isIP(address) === 0) return 'is not an IP address';
  const family = familyOf(address);
  if (LOOPBACK.check(address, family)) return policy === 'loopback' ? undefined : 'is a loopback address';
  if (SPECIAL.check(address, family)) return 'is a private, link-local or reserved address';
  return undefined;
}

export class RefusedUrlError extends Error {
  constructor(readonly reason: string) {
    super(`webhook URL refused: ${reason}`);
    this.name = 'RefusedUrlError';
  }
}

/** A URL that passed the policy, with the address to connect to (the connection is pinned to it). */
export interface CheckedUrl {
  url: URL;
  address: ResolvedAddress;
}

/**
 * Checks a URL and every address its host resolves to; throws RefusedUrlError saying why not.
 * Run when an endpoint is saved and again before each delivery (a name may be re-pointed meanwhile).
 */
export async function checkUrl(raw: string, policy: UrlPolicy, resolve: Resolver): Promise<CheckedUrl> {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new RefusedUrlError('must be an absolute URL');
  }
  if (url.username || url.password) throw new RefusedUrlError('must not carry credentials');
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new RefusedUrlError('must be https://');
  const host = url.hostname.startsWith('[') ? url.hostname.slice(1, -1) : url.hostname;
  const literal = isIP(host) !== 0;
  const addresses = literal
    ? [{ address: host, family: isIP(host) as 4 | 6 }]
    : await resolve(host).catch(() => {
        throw new RefusedUrlError(`its host ${host} does not resolve`);
      });
  if (addresses.length === 0) throw new RefusedUrlError(`its host ${host} does not resolve`);
  // Every address must pass: a name resolving to one public and one private address is refused.
  for (const { address } of addresses) {
    const why = refusedAddress(address, policy);
    if (why)
      throw new RefusedUrlError(
        `${literal ? 'its host' : `its host ${host} resolves to ${address}, which`} ${why}`,
      );
  }
  const loopback = addresses.every(({ address }) => LOOPBACK.check(address, familyOf(address)));
  if (url.protocol === 'http:' && !(policy === 'loopback' && loopback))
    throw new RefusedUrlError(
      policy === 'loopback' ? 'must be https:// (http:// only to this machine)' : 'must be https://',
    );
  return { url, address: addresses[0] as ResolvedAddress };
}
