// Single sign-on as the API shows it: the methods the sign-in page offers, and the settings an admin
// reads on the Settings page (never a secret).
import { z } from 'zod';

export const SsoMethodName = z.enum(['oidc', 'wecom', 'dingtalk', 'feishu']);

export const SignInMethod = z
  .object({
    id: SsoMethodName,
    kind: z.enum(['oidc', 'wecom', 'dingtalk', 'feishu']),
    label: z.string().meta({ description: 'What the button says after "Sign in with".' }),
    startUrl: z.string().meta({ description: 'Where the button sends the browser.', example: '/auth/oidc/start' }),
  })
  .meta({ id: 'SignInMethod' });

export const SignInMethods = z.array(SignInMethod).meta({ id: 'SignInMethods' });

export const SsoSettingsView = z
  .object({
    loginTimeoutSeconds: z.number(),
    oidc: z
      .object({
        label: z.string(),
        issuer: z.string(),
        clientId: z.string(),
        hasClientSecret: z.boolean(),
        redirectUri: z.string(),
        scopes: z.string(),
        matchClaim: z.string(),
        jit: z.object({ role: z.string(), teamId: z.string().nullable() }).nullable(),
      })
      .nullable(),
    wecom: z.object({ corpId: z.string(), agentId: z.string(), redirectUri: z.string(), loginUrl: z.string(), apiUrl: z.string() }).nullable(),
    dingtalk: z.object({ clientId: z.string(), redirectUri: z.string(), loginUrl: z.string(), apiUrl: z.string(), oapiUrl: z.string() }).nullable(),
    feishu: z.object({ appId: z.string(), redirectUri: z.string(), apiUrl: z.string() }).nullable(),
  })
  .meta({ id: 'SsoSettings' });
export type SsoSettingsView = z.infer<typeof SsoSettingsView>;
