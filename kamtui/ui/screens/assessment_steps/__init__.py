"""The assessment wizard's steps (one module each), the step bar and the windowed grid."""
