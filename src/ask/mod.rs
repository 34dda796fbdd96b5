//! Asking a person: the [`Prompter`] trait the session engine talks to, the plain line mode for
//! scripts and pipes, the terminal prompts for people (menus, a line editor with the time left
//! on its prompt, the user's own editor), and what Ctrl-C and other signals do while a session
//! is asking. Nothing here knows about sessions.

mod countdown;
mod editor;
pub mod interrupt;
mod menu;
pub mod prompt;
pub mod terminal;
mod tty;
mod visual;

pub use prompt::{PlainPrompter, Prompter, Reply};
