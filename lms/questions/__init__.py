"""The kinds of quiz question, one module each, and `KINDS` (in
`registry.py`), the registry the rest iterates.

Everything about a kind lives in its module, so adding one is one module, one partial
template and their tests (docs/architecture.md, "Adding a question kind"). Each module has:

    NAME                          the `kind:` written in quiz files
    TEMPLATE                      its partial template, included by assessments/take.html
    parse(r, data, where)         its fields of `Question`, read from the quiz file; problems
                                  go to `r.error(where, message)` (the file and line come from
                                  `where`)
    shape(question)               what a translation must keep the same (ids and answers)
    grade(question, answer)       the score, 0.0 to 1.0; AnswerError for a forged answer
    feedback(question, answer, correct)   the notes shown with the result
    also_accept(question, translated)      the question accepting the version shown too
    translation_gap(question, translated) a warning for `flask pathways courses check`, or None
    ask(question, text, rng)      the form fields (`base.Ask`), labelled with `text`, the
                                  question in the language shown
    read(question, values)        the answer, from the submitted field values by part;
                                  AnswerProblem for one the learner can fix

Pure: no Flask, no database. The form (`lms/assessments/forms.py`) turns each `Ask` into a
WTForms field.
"""
