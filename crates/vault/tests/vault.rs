//! Sealing, the key store on a real PostgreSQL, forgetting, and rotating the master key.

use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use domain::delegation::{Gender, PersonalDetails};
use testkit::{TestEnv, TestPostgres};
use uuid::Uuid;
use vault::{DataKey, MasterKey, Vault, VaultError};

fn details() -> PersonalDetails {
    PersonalDetails {
        full_name: "Nông Thị Hoa".into(),
        chinese_name: Some("农氏花".into()),
        role: "Phiên dịch".into(),
        organisation: Some("Tỉnh Đoàn Cao Bằng".into()),
        gender: Gender::Female,
        date_of_birth: NaiveDate::from_ymd_opt(1995, 3, 8).unwrap(),
        nationality: "VN".into(),
        document: None,
        phone: None,
        email: None,
        dietary_notes: None,
        medical_notes: None,
        guardian: None,
        parental_consent: false,
    }
}

#[test]
fn sealed_details_open_only_with_the_same_key_for_the_same_person() {
    let (person, other) = (Uuid::now_v7(), Uuid::now_v7());
    let key = DataKey::generate();
    let sealed = key.seal(person, &details());
    assert!(!sealed.0.contains("Hoa"));
    assert_eq!(key.open(person, &sealed).unwrap(), details());
    assert!(matches!(
        key.open(other, &sealed),
        Err(VaultError::CannotOpen)
    ));
    assert!(matches!(
        DataKey::generate().open(person, &sealed),
        Err(VaultError::CannotOpen)
    ));
    // A fresh nonce each time: the same details never seal to the same text.
    assert_ne!(key.seal(person, &details()), sealed);
}

#[test]
fn a_master_key_is_32_bytes_of_base64_and_its_file_is_private() {
    assert!(matches!(
        MasterKey::from_base64("c2hvcnQ="),
        Err(VaultError::BadMasterKey)
    ));
    assert!(matches!(
        MasterKey::from_base64("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA="),
        Err(VaultError::ExampleMasterKey)
    ));
    let key = MasterKey::generate();
    assert_eq!(
        MasterKey::from_base64(&key.to_base64()).unwrap().id(),
        key.id()
    );
    assert!(!format!("{key:?}").contains(&key.to_base64()));

    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("data").join("personal-data.key");
    let made = MasterKey::load_or_create(&path).unwrap();
    let mode = std::fs::metadata(&path).unwrap().permissions().mode();
    assert_eq!(mode & 0o777, 0o600);
    assert_eq!(MasterKey::load_or_create(&path).unwrap().id(), made.id());
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o644)).unwrap();
    let refused = MasterKey::load_or_create(&path).unwrap_err().to_string();
    assert!(refused.contains("chmod 600"), "{refused}");
}

async fn pool() -> (TestEnv, sqlx::PgPool) {
    let env = TestEnv::new().await;
    let pool = env.pool().await;
    projector::migrate(&pool).await.unwrap();
    (env, pool)
}

#[tokio::test]
async fn forgetting_deletes_the_key_and_only_that_key() {
    let (_env, pool) = pool().await;
    let vault = Vault::new(pool.clone(), MasterKey::generate(), vec![]);
    let (hoa, nam) = (Uuid::now_v7(), Uuid::now_v7());
    let keys = [(hoa, DataKey::generate()), (nam, DataKey::generate())];
    let sealed = keys[0].1.seal(hoa, &details());
    vault.store(&keys).await.unwrap();
    let found = vault.keys(&[hoa, nam]).await.unwrap();
    assert_eq!(found[&hoa].open(hoa, &sealed).unwrap(), details());
    assert_eq!(vault.forget(&[hoa]).await.unwrap(), 1);
    let found = vault.keys(&[hoa, nam]).await.unwrap();
    assert!(!found.contains_key(&hoa));
    assert!(found.contains_key(&nam));
    assert_eq!(vault.forget(&[hoa]).await.unwrap(), 0);
}

#[tokio::test]
async fn rotation_rewraps_every_key_under_the_new_master_key() {
    let (_env, pool) = pool().await;
    let (old, new) = (MasterKey::generate(), MasterKey::generate());
    let people: Vec<(Uuid, DataKey)> = (0..1500)
        .map(|_| (Uuid::now_v7(), DataKey::generate()))
        .collect();
    let ids: Vec<Uuid> = people.iter().map(|(id, _)| *id).collect();
    let sealed = people[7].1.seal(ids[7], &details());
    Vault::new(pool.clone(), old.clone(), vec![])
        .store(&people)
        .await
        .unwrap();

    // Without the old key, the new one alone cannot read what it did not wrap.
    let new_only = Vault::new(pool.clone(), new.clone(), vec![]);
    assert!(matches!(
        new_only.keys(&ids[..1]).await,
        Err(VaultError::UnknownMasterKey(_))
    ));
    // During the rotation both are configured: reads work, and rewrap moves every key.
    let rotating = Vault::new(pool.clone(), new.clone(), vec![old.clone()]);
    assert_eq!(rotating.keys(&ids).await.unwrap().len(), 1500);
    assert_eq!(rotating.rewrap().await.unwrap(), 1500);
    assert_eq!(rotating.rewrap().await.unwrap(), 0);
    let keys = new_only.keys(&ids).await.unwrap();
    assert_eq!(keys[&ids[7]].open(ids[7], &sealed).unwrap(), details());
    let under_new: i64 =
        sqlx::query_scalar("SELECT count(*) FROM caunoi.person_keys WHERE master_key_id = $1")
            .bind(new.id())
            .fetch_one(&pool)
            .await
            .unwrap();
    assert_eq!(under_new, 1500);
}

/// After a forget, the wrapped key is in none of PostgreSQL's files: neither in the table's
/// pages nor in the write-ahead log, where it stayed until segments were overwritten.
#[tokio::test]
async fn a_forgotten_key_leaves_the_database_files() {
    let postgres = TestPostgres::start().await;
    let pool = sqlx::PgPool::connect(&postgres.url()).await.unwrap();
    projector::migrate(&pool).await.unwrap();
    let vault = Vault::new(pool.clone(), MasterKey::generate(), vec![]);
    let (hoa, nam) = (Uuid::now_v7(), Uuid::now_v7());
    vault
        .store(&[(hoa, DataKey::generate()), (nam, DataKey::generate())])
        .await
        .unwrap();
    let wrapped = |person: Uuid| {
        let pool = pool.clone();
        async move {
            let (key,): (Vec<u8>,) =
                sqlx::query_as("SELECT wrapped_key FROM caunoi.person_keys WHERE person_id = $1")
                    .bind(person)
                    .fetch_one(&pool)
                    .await
                    .unwrap();
            key
        }
    };
    let (forgotten, kept) = (wrapped(hoa).await, wrapped(nam).await);
    // The table's page reaches the disk too, not only the log.
    sqlx::raw_sql("CHECKPOINT").execute(&pool).await.unwrap();
    assert!(
        !files_holding(postgres.data_dir(), &forgotten).is_empty(),
        "the key is on disk before the forget"
    );

    vault.forget(&[hoa]).await.unwrap();
    vault.scrub_forgotten_keys().await.unwrap();

    assert_eq!(
        files_holding(postgres.data_dir(), &forgotten),
        Vec::<PathBuf>::new()
    );
    assert!(
        !files_holding(postgres.data_dir(), &kept).is_empty(),
        "the other person's key is still kept"
    );
    assert!(vault.keys(&[nam]).await.unwrap().contains_key(&nam));
}

fn files_holding(dir: &Path, needle: &[u8]) -> Vec<PathBuf> {
    let mut found = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            found.extend(files_holding(&path, needle));
        } else if std::fs::read(&path)
            .map(|bytes| memchr::memmem::find(&bytes, needle).is_some())
            .unwrap_or(false)
        {
            found.push(path);
        }
    }
    found
}
