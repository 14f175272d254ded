// Signing in, managed per rep: invite a rep who has no password yet (a one-time link to set one;
// managers for their team's reps), force a password reset of one who has (admins; the old password
// stops working), unlock one locked after repeated wrong passwords (admins). No mail is sent: the
// link is shown to pass on, naming the rep.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.js';
import { useAction } from '../../api/use-action.js';
import type { Rep } from '../../api/types.js';
import { useMe } from '../../auth/session.js';
import { ErrorNotice, SuccessNotice } from '../../components/error-notice.js';
import { useFormat } from '../../format.js';

interface Link {
  repId: string;
  link: string;
  expiresAt: string;
}

/** A link shown, with the rep it is for. */
type Shown = Link & { rep: Rep };

export function useRepAccess() {
  const { t } = useTranslation();
  const f = useFormat();
  const me = useMe();
  const [shown, setShown] = useState<Shown | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  /** The rep whose reset waits for a second click: a reset signs them out everywhere at once. */
  const [confirming, setConfirming] = useState<string | null>(null);
  const clear = () => {
    setShown(null);
    setNotice(null);
    setConfirming(null);
  };
  // The list learns what changed (signed up, locked) from the server again.
  const invalidates = [['reps']] as const;
  const reset = useAction({ mutationFn: (rep: Rep) => api.post<Link>(`/reps/${encodeURIComponent(rep.id)}/password-reset`), onSuccess: (l: Link, rep) => setShown({ ...l, rep }), invalidates });
  const unlock = useAction({
    mutationFn: (rep: Rep) => api.post<{ wasLocked: boolean }>(`/reps/${encodeURIComponent(rep.id)}/unlock`),
    notice: setNotice,
    message: (r, rep) => t(r.wasLocked ? 'access.unlocked' : 'access.notLocked', { rep: rep.name }),
    invalidates,
  });
  const inviteLink = useAction({ mutationFn: (rep: Rep) => api.post<Link>('/invitations', { repId: rep.id }), onSuccess: (l: Link, rep) => setShown({ ...l, rep }), invalidates });

  const cell = (rep: Rep) => {
    const admin = me.role === 'admin';
    const mayInvite = admin || (me.role === 'manager' && rep.role === 'rep' && rep.teamId === me.teamId);
    if (!rep.active || !mayInvite) return '—';
    // An invitation is for a rep who never signed up (no password, never signed in, single sign-on
    // included; the server refuses it otherwise); a reset for one who has.
    return (
      <span className="buttons" data-testid={`sign-in-state-${rep.id}`}>
        {rep.signedUp ? null : <span className="muted">{t('access.notSignedUp')}</span>}
        {rep.lockedUntil ? <span className="muted">{t('access.lockedUntil', { until: f.dateTime(rep.lockedUntil) })}</span> : null}
        {rep.signedUp ? null : (
          <button type="button" className="link" aria-label={t('access.inviteLabel', { name: rep.name })} onClick={() => { clear(); inviteLink.mutate(rep); }}>
            {t('access.invite')}
          </button>
        )}
        {/* Not one's own: it would end this session before the link is seen (My account changes it). */}
        {admin && rep.signedUp && rep.id !== me.id ? (
          confirming === rep.id ? (
            <>
              <button type="button" className="link danger" autoFocus disabled={reset.isPending} aria-label={t('access.confirmResetLabel', { name: rep.name })} onClick={() => { clear(); reset.mutate(rep); }}>
                {t('access.confirmReset', { name: rep.name })}
              </button>
              <button type="button" className="link" onClick={() => setConfirming(null)}>
                {t('common.cancel')}
              </button>
            </>
          ) : (
            <button type="button" className="link" aria-label={t('access.resetLabel', { name: rep.name })} onClick={() => { clear(); setConfirming(rep.id); }}>
              {t('access.reset')}
            </button>
          )
        ) : null}
        {admin && rep.lockedUntil ? (
          <button type="button" className="link" aria-label={t('access.unlockLabel', { name: rep.name })} onClick={() => { clear(); unlock.mutate(rep); }}>
            {t('access.unlock')}
          </button>
        ) : null}
      </span>
    );
  };

  const notices = (
    <>
      <SuccessNotice message={notice} />
      <ErrorNotice error={inviteLink.error ?? reset.error ?? unlock.error} />
      {shown ? (
        <div className="notice success" role="status">
          {t('access.linkShown', { rep: f.rep(shown.rep.id, shown.rep.name), until: f.dateTime(shown.expiresAt) })} <code data-testid="invitation-link">{shown.link}</code>
        </div>
      ) : null}
    </>
  );
  return { cell, notices };
}
