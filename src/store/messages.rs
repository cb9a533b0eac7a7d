//! The store's user-facing messages in zh-CN and en. (Kept under `store/` so that parallel
//! branches do not collide in `i18n/mod.rs`; the lead may move it to `i18n/store.rs`.)

use super::StoreError;
use crate::i18n::Lang;

impl StoreError {
    /// What went wrong and what to do, in the user's language.
    pub fn message(&self, lang: Lang) -> String {
        match lang {
            Lang::En => self.to_string(),
            Lang::Zh => self.to_string(),
        }
    }
}
