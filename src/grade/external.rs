//! An external grader: a command of the user's (a local language model, say) that judges which
//! key points an open answer covers. Filled in below.
