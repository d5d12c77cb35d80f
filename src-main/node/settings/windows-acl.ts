// Who may change a file or folder on Windows, read from its security descriptor in SDDL (Microsoft's
// "Security Descriptor String Format": `O:owner G:group D:flags(ace)(ace)…`, each ACE
// `type;flags;rights;object;inherited object;trustee`). SDDL names trustees by SID or by a
// two-letter alias, never by a translated name, so the answer is the same on a Korean Windows.

/** Trustees that are the machine's administrators or the OS itself (SIDs). */
const ADMIN_SIDS: Record<string, string> = {
  'S-1-5-32-544': 'Administrators',
  'S-1-5-18': 'SYSTEM',
  'S-1-5-80-956008885-3418522649-1831038044-1853292631-2271478464': 'TrustedInstaller',
  // Only ever given to whoever creates an object below (an inherit-only ACE): not a person on this one.
  'S-1-3-0': 'CREATOR OWNER',
};

/** SDDL's aliases for the well-known SIDs that matter here (the rest are shown as they are). */
const ALIASES: Record<string, string> = {
  BA: 'S-1-5-32-544',
  SY: 'S-1-5-18',
  CO: 'S-1-3-0',
  CG: 'S-1-3-1',
  OW: 'S-1-3-4',
  BU: 'S-1-5-32-545',
  AU: 'S-1-5-11',
  WD: 'S-1-1-0',
  IU: 'S-1-5-4',
  BG: 'S-1-5-32-546',
  PU: 'S-1-5-32-547',
  AN: 'S-1-5-7',
  NU: 'S-1-5-2',
  LS: 'S-1-5-19',
  NS: 'S-1-5-20',
};

const NAMES: Record<string, string> = {
  ...ADMIN_SIDS,
  'S-1-3-1': 'CREATOR GROUP',
  'S-1-3-4': 'OWNER RIGHTS',
  'S-1-5-32-545': 'Users',
  'S-1-5-11': 'Authenticated Users',
  'S-1-1-0': 'Everyone',
  'S-1-5-4': 'INTERACTIVE',
  'S-1-5-32-546': 'Guests',
  'S-1-5-32-547': 'Power Users',
  'S-1-5-7': 'ANONYMOUS LOGON',
  'S-1-5-2': 'NETWORK',
  'S-1-5-19': 'LOCAL SERVICE',
  'S-1-5-20': 'NETWORK SERVICE',
};

/** Access-mask bits of the rights tokens SDDL writes (file rights share the directory-service bit values). */
const RIGHTS: Record<string, number> = {
  GA: 0x10000000,
  GR: 0x80000000,
  GW: 0x40000000,
  GX: 0x20000000,
  RC: 0x20000,
  SD: 0x10000,
  WD: 0x40000,
  WO: 0x80000,
  CC: 0x1,
  DC: 0x2,
  LC: 0x4,
  SW: 0x8,
  RP: 0x10,
  WP: 0x20,
  DT: 0x40,
  LO: 0x80,
  CR: 0x100,
  FA: 0x1f01ff,
  FR: 0x120089,
  FW: 0x120116,
  FX: 0x1200a0,
  KA: 0xf003f,
  KR: 0x20019,
  KW: 0x20006,
  KX: 0x20019,
};

/**
 * The rights that change what the app reads: write or append data (on a folder: add a file or a
 * folder), delete a child, delete, change the permissions or the owner, and the generic all/write.
 */
const CHANGING = 0x2 | 0x4 | 0x40 | 0x10000 | 0x40000 | 0x80000 | 0x10000000 | 0x40000000;

export interface Ace {
  allow: boolean;
  /** Applies only to objects created below, not to this one (the IO flag). */
  inheritOnly: boolean;
  mask: number;
  sid: string;
}

export interface SecurityDescriptor {
  owner: string | undefined;
  aces: Ace[];
}

const everyone: Ace = { allow: true, inheritOnly: false, mask: 0x10000000, sid: 'S-1-1-0' };

const sidOf = (token: string) => ALIASES[token.toUpperCase()] ?? token.toUpperCase();

function maskOf(rights: string): number | undefined {
  if (/^0x[0-9a-f]+$/i.test(rights)) return Number.parseInt(rights, 16);
  if (rights.length % 2 !== 0) return undefined;
  let mask = 0;
  for (let i = 0; i < rights.length; i += 2) {
    const bits = RIGHTS[rights.slice(i, i + 2).toUpperCase()];
    if (bits === undefined) return undefined;
    mask |= bits;
  }
  return mask;
}

/** The owner and the DACL's entries of an SDDL string; undefined when it is not one. */
export function parseSddl(sddl: string): SecurityDescriptor | undefined {
  const text = sddl.trim();
  const owner = /^O:(.+?)(?=G:|D:|S:|$)/.exec(text)?.[1];
  const dacl = /D:([A-Z_]*)((?:\([^()]*\))*)/.exec(text);
  if (!dacl) return undefined;
  // Whatever follows the entries must be the SACL or nothing (a conditional entry, with its own
  // parentheses, is not read: the whole is then not understood, rather than read in part).
  const rest = text.slice(dacl.index + dacl[0].length);
  if (rest !== '' && !rest.startsWith('S:')) return undefined;
  // A null DACL: everyone has every right.
  if (dacl[1]!.includes('NO_ACCESS_CONTROL')) return { owner: owner && sidOf(owner), aces: [everyone] };
  const aces: Ace[] = [];
  for (const [, body] of dacl[2]!.matchAll(/\(([^()]*)\)/g)) {
    const [type, flags, rights, , , trustee] = body!.split(';');
    if (trustee === undefined || rights === undefined || flags === undefined) return undefined;
    const mask = maskOf(rights);
    if (mask === undefined) return undefined;
    aces.push({
      allow: ['A', 'OA', 'XA', 'ZA'].includes(type!.toUpperCase()),
      inheritOnly: /IO/i.test(flags),
      mask,
      sid: sidOf(trustee),
    });
  }
  return { owner: owner && sidOf(owner), aces };
}

const named = (sid: string) => (NAMES[sid] ? `${NAMES[sid]} (${sid})` : sid);

/**
 * Why `what` (described by its SDDL) is not only the administrators' to change, or undefined when it
 * is: the owner (who may always rewrite the permissions) must be Administrators, SYSTEM or
 * TrustedInstaller, and no one else may be allowed to write, delete or re-permission it.
 * Deny entries are not weighed (refusing is the safe side of doubt).
 */
export function sddlRefusal(sddl: string, what: string): string | undefined {
  const descriptor = parseSddl(sddl);
  if (!descriptor) return `the permissions of ${what} could not be read`;
  if (!descriptor.owner || !ADMIN_SIDS[descriptor.owner] || descriptor.owner === 'S-1-3-0')
    return `${what} is owned by ${descriptor.owner ? named(descriptor.owner) : 'no one known'}, not by Administrators or SYSTEM`;
  const writers = descriptor.aces
    .filter((ace) => ace.allow && !ace.inheritOnly && (ace.mask & CHANGING) !== 0 && !ADMIN_SIDS[ace.sid])
    .map((ace) => named(ace.sid));
  if (writers.length > 0) return `${what} can be changed by ${[...new Set(writers)].join(', ')}`;
  return undefined;
}
