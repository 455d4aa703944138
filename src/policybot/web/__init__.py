"""Web: the HTTP API, its guard, the Gradio chat UI, the widget and feedback.

Takes a built `Pipeline`; gives routes. Nothing here decides an answer.
"""
