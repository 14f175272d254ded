// Signing in, managed per rep: invite (a one-time link to set a password; managers for their team's
// reps), force a password reset (admins; the old password stops working), unlock after repeated
// wrong passwords (admins). No mail is sent: the link is shown to pass on.
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

/** A link as shown: with the rep it is for, named as people know them. */
type Shown = Link & { repName: string };

export function useRepAccess() {
  const { t } = useTranslation();
  const f = useFormat();
  const me = useMe();
  const [shown, setShown] = useState<Shown | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const clear = () => {
    setShown(null);
    setNotice(null);
  };
  const show = (l: Link, rep: Rep) => setShown({ ...l, repName: rep.name });
  const reset = useAction({ mutationFn: (rep: Rep) => api.post<Link>(`/reps/${encodeURIComponent(rep.id)}/password-reset`), onSuccess: show });
  const unlock = useAction({
    mutationFn: (rep: Rep) => api.post<{ wasLocked: boolean }>(`/reps/${encodeURIComponent(rep.id)}/unlock`),
    notice: setNotice,
    message: (r, rep) => t(r.wasLocked ? 'access.unlocked' : 'access.notLocked', { rep: rep.name }),
  });
  const inviteLink = useAction({ mutationFn: (rep: Rep) => api.post<Link>('/invitations', { repId: rep.id }), onSuccess: show });

  const cell = (rep: Rep) => {
    const admin = me.role === 'admin';
    const mayInvite = admin || (me.role === 'manager' && rep.role === 'rep' && rep.teamId === me.teamId);
    if (!rep.active || !mayInvite) return '—';
    return (
      <span className="buttons">
        <button type="button" className="link" aria-label={t('access.inviteLabel', { name: rep.name })} onClick={() => { clear(); inviteLink.mutate(rep); }}>
          {t('access.invite')}
        </button>
        {admin ? (
          <>
            <button type="button" className="link" aria-label={t('access.resetLabel', { name: rep.name })} onClick={() => { clear(); reset.mutate(rep); }}>
              {t('access.reset')}
            </button>
            <button type="button" className="link" aria-label={t('access.unlockLabel', { name: rep.name })} onClick={() => { clear(); unlock.mutate(rep); }}>
              {t('access.unlock')}
            </button>
          </>
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
          {t('access.linkShown', { rep: f.rep(shown.repId, shown.repName), until: f.dateTime(shown.expiresAt) })} <code data-testid="invitation-link">{shown.link}</code>
        </div>
      ) : null}
    </>
  );
  return { cell, notices };
}
