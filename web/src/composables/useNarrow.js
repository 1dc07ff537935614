import { onBeforeUnmount, ref } from 'vue'

// True on a phone-width screen (under 768 px): the layout then hides the sidebar behind a menu
// button, since a team member in a village records visits on a phone.
export function useNarrow(query = '(max-width: 767px)') {
  const media = window.matchMedia(query)
  const narrow = ref(media.matches)
  const update = (e) => (narrow.value = e.matches)
  media.addEventListener('change', update)
  onBeforeUnmount(() => media.removeEventListener('change', update))
  return narrow
}
