//! Asking a person: the [`Prompter`] trait the session engine talks to, the plain line mode for
//! scripts and pipes, the terminal prompts for people, and what Ctrl-C and other signals do
//! while a session is asking.

pub mod interrupt;
pub mod prompt;
pub mod terminal;

pub use prompt::{PlainPrompter, Prompter, Reply};
