//! The language a person reads their mail in: the one they chose for the pages, else
//! Vietnamese, the working language (also for whoever has no account, such as an
//! approver who never signed in).

use domain::Lang;
use domain::access::{UserAccount, account_id};
use eventstore::{EventStore, StoreError};

/// The language of mail to the holder of `account`.
pub fn account_mail_lang(account: &UserAccount) -> Lang {
    account.lang.unwrap_or(Lang::Vi)
}

/// The language of mail to `email`, read from their account.
pub async fn mail_lang(store: &EventStore, email: &str) -> Result<Lang, StoreError> {
    let account = store.load::<UserAccount>(account_id(email)).await?;
    Ok(account_mail_lang(&account.state))
}
