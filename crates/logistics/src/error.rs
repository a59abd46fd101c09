/// A failure to read or write, never a business rejection. Messages hold no personal data.
#[derive(Debug, thiserror::Error)]
pub enum LogisticsError {
    #[error(transparent)]
    ReadModel(#[from] projector::ProjectorError),
    #[error(transparent)]
    Keys(#[from] vault::VaultError),
    #[error("the spreadsheet could not be written: {0}")]
    Spreadsheet(String),
    #[error("the page could not be written: {0}")]
    Page(String),
}
