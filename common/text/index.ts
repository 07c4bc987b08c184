export { foldBare, foldForSearch, matchesSearch, searchForms, searchWords, type SearchForms } from './fold';
