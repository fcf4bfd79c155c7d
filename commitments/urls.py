"""The outcomes: commitments, the published commitment document and its follow-up."""

from django.urls import path

from .views import organisers, private, public, workspace

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
    path("<slug:slug>/commitments/groups/<int:number>/", workspace.workspace, name="workspace"),
    path(
        "<slug:slug>/commitments/groups/<int:number>/report/",
        workspace.workspace_report,
        name="workspace_report",
    ),
    path(
        "<slug:slug>/commitments/groups/<int:number>/commitment/",
        workspace.workspace_commitment,
        name="workspace_commitment",
    ),
]
