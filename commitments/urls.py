"""The outcomes: commitments, the published commitment document and its follow-up."""

from django.urls import path

from .views import organisers, private, public, results, workspace

app_name = "commitments"

urlpatterns = [
    path("<slug:slug>/commitments/", public.document, name="document"),
    path("<slug:slug>/commitments/new/", public.commitment_new, name="new"),
    path("<slug:slug>/commitments/progress/", public.progress, name="progress"),
    path("<slug:slug>/commitments/open-data.csv", public.open_data_csv, name="open_data_csv"),
    path("<slug:slug>/commitments/open-data.json", public.open_data_json, name="open_data_json"),
    path("<slug:slug>/commitments/editions/<int:number>/", public.edition_detail, name="edition"),
    path(
        "<slug:slug>/commitments/editions/<int:number>/<str:language>.pdf",
        public.edition_pdf,
        name="edition_pdf",
    ),
    path("<slug:slug>/commitments/link/<str:token>/", private.private, name="private"),
    path("<slug:slug>/commitments/link/<str:token>/withdraw/", private.private_withdraw, name="withdraw"),
    path(
        "<slug:slug>/commitments/link/<str:token>/progress/", private.private_progress, name="report_progress"
    ),
    path("<slug:slug>/commitments/draft/", organisers.draft, name="draft"),
    path("<slug:slug>/commitments/draft/<str:language>.pdf", organisers.draft_pdf, name="draft_pdf"),
    path("<slug:slug>/commitments/publish/", organisers.publish, name="publish"),
    # The leaders' workspace lives at the group's own address; the first address redirects there.
    path("<slug:slug>/commitments/groups/<int:number>/", workspace.old_workspace, name="old_workspace"),
    path("<slug:slug>/groups/<int:number>/workspace/", workspace.workspace, name="workspace"),
    path(
        "<slug:slug>/groups/<int:number>/workspace/report/",
        workspace.workspace_report,
        name="workspace_report",
    ),
    path(
        "<slug:slug>/groups/<int:number>/workspace/report/autosave/",
        workspace.workspace_report_autosave,
        name="workspace_report_autosave",
    ),
    path(
        "<slug:slug>/groups/<int:number>/workspace/report/return/",
        workspace.workspace_report_return,
        name="workspace_report_return",
    ),
    path(
        "<slug:slug>/groups/<int:number>/workspace/report/publish/",
        workspace.workspace_report_publish,
        name="workspace_report_publish",
    ),
    path(
        "<slug:slug>/groups/<int:number>/workspace/commitment/",
        workspace.workspace_commitment,
        name="workspace_commitment",
    ),
    path("<slug:slug>/results/", results.screen, name="results_screen"),
    path("<slug:slug>/results/live/", results.screen_live, name="results_live"),
    path("<slug:slug>/results/remote/", results.remote, name="results_remote"),
    path("<slug:slug>/results/figures.csv", results.figures_csv, name="results_figures_csv"),
    path("<slug:slug>/results/reports/", results.reports_document, name="results_reports"),
    path("<slug:slug>/results/reports/<str:language>.pdf", results.reports_pdf, name="results_reports_pdf"),
]
