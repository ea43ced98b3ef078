import { isSid, sidOfAlias, WELL_KNOWN_NAMES } from './sid';

/**
 * Who an ACE or a role definition names: a SID (`S-1-5-21-...-1104`), an SDDL alias of a
 * well-known SID (`BA`, `RM`), or an account name (`CONTOSO\JEA_DNS_Operators`, a UPN-less
 * `DOMAIN\name`, or a well-known name such as `BUILTIN\Administrators`) that the host resolves.
 */
export type Principal =
  | { readonly kind: 'sid'; readonly sid: string }
  | { readonly kind: 'name'; readonly domain: string; readonly name: string; readonly wellKnownSid?: string };

/** Characters Windows refuses in an account name (sAMAccountName) or a NetBIOS domain name. */
const BAD_NAME_CHARS = /["/\\[\]:;|=,+*?<>@\u0000-\u001f]/;

/**
 * Parses a principal, or returns why it is not one. `DOMAIN\name` needs both parts; names with
 * characters Windows refuses in account names, and malformed SIDs, are rejected.
 */
export function parsePrincipal(text: string): Principal | { readonly problem: string } {
  const trimmed = text.trim();
  if (trimmed !== text || text === '')
    return { problem: 'a principal may not be empty or have leading or trailing spaces' };
  if (/^S-/i.test(text)) {
    return isSid(text)
      ? { kind: 'sid', sid: text.toUpperCase() }
      : { problem: 'malformed SID (expected S-1-<authority>-<sub-authority>...)' };
  }
  if (/^[A-Za-z]{2}$/.test(text)) {
    const sid = sidOfAlias(text);
    return sid ? { kind: 'sid', sid } : { problem: `'${text}' is not an SDDL alias of a well-known SID` };
  }
  const slash = text.indexOf('\\');
  const wellKnown = WELL_KNOWN_NAMES[text.toUpperCase()];
  if (slash < 0) {
    if (wellKnown) return { kind: 'name', domain: '', name: text, wellKnownSid: wellKnown };
    return {
      problem: "an account name must be qualified as DOMAIN\\name (or be a SID or a well-known alias such as 'BA')",
    };
  }
  const domain = text.slice(0, slash);
  const name = text.slice(slash + 1);
  if (!domain || !name) return { problem: 'DOMAIN\\name needs both a domain and a name' };
  if (BAD_NAME_CHARS.test(domain) || /^[. ]|[. ]$/.test(domain))
    return { problem: `the domain part '${domain}' has characters Windows does not allow` };
  if (BAD_NAME_CHARS.test(name) || name.endsWith('.'))
    return { problem: `the name part '${name}' has characters Windows does not allow in an account name` };
  if (name.length > 256) return { problem: 'the name part is longer than 256 characters' };
  return wellKnown ? { kind: 'name', domain, name, wellKnownSid: wellKnown } : { kind: 'name', domain, name };
}

/** The principal's text as written in files: the SID, or DOMAIN\name. */
export function principalText(p: Principal): string {
  return p.kind === 'sid' ? p.sid : p.domain ? `${p.domain}\\${p.name}` : p.name;
}
