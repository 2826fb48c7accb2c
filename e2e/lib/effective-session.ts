/**
 * The session an Access application really grants, read from the Cloudflare
 * emulator's state: Cloudflare ends an application token after the session
 * duration of the policy that admitted the user when that policy sets one, and
 * otherwise after the application's
 * (developers.cloudflare.com/cloudflare-one/identity/users/session-management).
 * The emulator stores what the provider sends, so this is what the real
 * service would enforce for the same requests (issue 16).
 */

/** A Go duration (`8h`, `1h30m`, `300ms`) in nanoseconds. */
export function durationNs(text: string): number {
  const units: Record<string, number> = { ns: 1, us: 1e3, µs: 1e3, ms: 1e6, s: 1e9, m: 60e9, h: 3600e9 };
  const parts = [...text.matchAll(/(\d+(?:\.\d+)?)(ns|us|µs|ms|s|m|h)/g)];
  if (parts.length === 0 || parts.map((p) => p[0]).join("") !== text) throw new Error(`not a duration: ${JSON.stringify(text)}`);
  return parts.reduce((sum, p) => sum + Number(p[1]) * units[p[2]], 0);
}

export interface EffectiveSession {
  /** The application's own session_duration as stored. */
  readonly application: string;
  /** Per attached policy: its name, its own session (or null), and the session it grants. */
  readonly policies: { name: string; own: string | null; effective: string }[];
  /** The longest session any attached allow policy grants (what a user can get). */
  readonly effective: string;
}

/** The effective session of the application named `name` in a Cloudflare emulator snapshot. */
export function effectiveSession(cloudflare: any, name: string): EffectiveSession {
  const apps = (cloudflare.accessApplications as any[]).filter((a) => a.result.name === name);
  if (apps.length !== 1) throw new Error(`expected one Access application named ${JSON.stringify(name)}, found ${apps.length}`);
  const app = apps[0].result;
  const policies = (app.policies as { id: string }[]).map((link) => {
    const policy = (cloudflare.accessPolicies as any[]).find((p) => p.result.id === link.id)?.result;
    if (!policy) throw new Error(`application ${JSON.stringify(name)} attaches unknown policy ${link.id}`);
    const own: string | null = policy.session_duration ?? null;
    return { name: policy.name as string, decision: policy.decision as string, own, effective: own ?? (app.session_duration as string) };
  });
  const allow = policies.filter((p) => p.decision === "allow");
  const longest = allow.reduce<string | undefined>((max, p) => (max === undefined || durationNs(p.effective) > durationNs(max) ? p.effective : max), undefined);
  return { application: app.session_duration, policies: policies.map(({ name: n, own, effective }) => ({ name: n, own, effective })), effective: longest ?? app.session_duration };
}
