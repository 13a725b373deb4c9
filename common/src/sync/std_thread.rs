//! std's threads, recorded: a spawned thread's lane starts when it starts and ends when its
//! closure returns, and a `join` (or the end of a `scope`) waits for it, woken by its end.

use std::io;
use std::sync::Arc;
use std::thread as t;

use crate::record::{self, Object, Site};

pub use std::thread::{
    AccessError, LocalKey, Result, Thread, ThreadId, available_parallelism, current, panicking,
    park, park_timeout, sleep, yield_now,
};

/// `f` as the thread runs it: its lane from its first moment, its end noted in `ends`.
fn recorded<F: FnOnce() -> T, T>(f: F, ends: [Arc<Site>; 2]) -> impl FnOnce() -> T {
    move || {
        record::thread_starts();
        let r = f();
        let end = record::thread_ends();
        for site in &ends {
            site.set(end);
        }
        r
    }
}

/// Wait in `join` for the thread whose end `site` notes.
fn joining<R>(site: &Site, join: impl FnOnce() -> R) -> R {
    if !record::enabled() {
        return join();
    }
    site.wait_starts(Object::Thread);
    let r = join();
    site.wait_ends(site.last(), false);
    r
}

pub fn spawn<F, T>(f: F) -> JoinHandle<T>
where
    F: FnOnce() -> T + Send + 'static,
    T: Send + 'static,
{
    Builder::new().spawn(f).expect("failed to spawn thread")
}

/// std's `Builder`.
#[derive(Debug)]
pub struct Builder {
    inner: t::Builder,
    name: Option<String>,
}

impl Default for Builder {
    fn default() -> Self {
        Builder::new()
    }
}

impl Builder {
    pub fn new() -> Builder {
        Builder {
            inner: t::Builder::new(),
            name: None,
        }
    }

    pub fn name(self, name: String) -> Builder {
        Builder {
            inner: self.inner.name(name.clone()),
            name: Some(name),
        }
    }

    pub fn stack_size(self, size: usize) -> Builder {
        Builder {
            inner: self.inner.stack_size(size),
            ..self
        }
    }

    fn site(&self) -> Arc<Site> {
        let site = Arc::new(Site::new());
        if let Some(name) = &self.name {
            site.name(Object::Thread, name);
        }
        site
    }

    pub fn spawn<F, T>(self, f: F) -> io::Result<JoinHandle<T>>
    where
        F: FnOnce() -> T + Send + 'static,
        T: Send + 'static,
    {
        let end = self.site();
        let inner = self
            .inner
            .spawn(recorded(f, [Arc::clone(&end), Arc::clone(&end)]))?;
        Ok(JoinHandle { inner, end })
    }

    pub fn spawn_scoped<'scope, 'env, F, T>(
        self,
        scope: &Scope<'scope, 'env>,
        f: F,
    ) -> io::Result<ScopedJoinHandle<'scope, T>>
    where
        F: FnOnce() -> T + Send + 'scope,
        T: Send + 'scope,
    {
        let end = self.site();
        let ends = [Arc::clone(&end), Arc::clone(&scope.end)];
        let inner = self.inner.spawn_scoped(scope.inner, recorded(f, ends))?;
        Ok(ScopedJoinHandle { inner, end })
    }
}

/// std's `JoinHandle`.
#[derive(Debug)]
pub struct JoinHandle<T> {
    inner: t::JoinHandle<T>,
    end: Arc<Site>,
}

impl<T> JoinHandle<T> {
    pub fn join(self) -> Result<T> {
        let inner = self.inner;
        joining(&self.end, || inner.join())
    }

    pub fn thread(&self) -> &Thread {
        self.inner.thread()
    }

    pub fn is_finished(&self) -> bool {
        self.inner.is_finished()
    }
}

/// std's `Scope`: threads that may borrow from the caller, all joined at its end.
#[derive(Debug)]
pub struct Scope<'scope, 'env: 'scope> {
    inner: &'scope t::Scope<'scope, 'env>,
    /// The scope's last thread to end: who lets the scope's end go on.
    end: Arc<Site>,
}

/// std's `ScopedJoinHandle`.
#[derive(Debug)]
pub struct ScopedJoinHandle<'scope, T> {
    inner: t::ScopedJoinHandle<'scope, T>,
    end: Arc<Site>,
}

/// std's `thread::scope`. The closure gets the scope by a reference of its own lifetime
/// (std's is `'scope`): a thread of the scope cannot spawn into it.
pub fn scope<'env, F, T>(f: F) -> T
where
    F: for<'scope> FnOnce(&Scope<'scope, 'env>) -> T,
{
    let end = Arc::new(Site::new());
    let r = t::scope(|s| {
        let r = f(&Scope {
            inner: s,
            end: Arc::clone(&end),
        });
        // Now std joins the threads not yet joined.
        if record::enabled() {
            end.wait_starts(Object::Thread);
        }
        r
    });
    if record::enabled() {
        end.wait_ends(end.last(), false);
    }
    r
}

impl<'scope> Scope<'scope, '_> {
    pub fn spawn<F, T>(&self, f: F) -> ScopedJoinHandle<'scope, T>
    where
        F: FnOnce() -> T + Send + 'scope,
        T: Send + 'scope,
    {
        Builder::new()
            .spawn_scoped(self, f)
            .expect("failed to spawn thread")
    }
}

impl<T> ScopedJoinHandle<'_, T> {
    pub fn join(self) -> Result<T> {
        let inner = self.inner;
        joining(&self.end, || inner.join())
    }

    pub fn thread(&self) -> &Thread {
        self.inner.thread()
    }

    pub fn is_finished(&self) -> bool {
        self.inner.is_finished()
    }
}
